"""The officers' and reviewers' pages of learning-model dossiers, under /portal/."""

from django.urls import path  # noqa: F401

app_name = "learning_models_portal"

urlpatterns: list = []
