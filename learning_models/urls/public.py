"""The public register of learning models and the recognitions' certificates, under
/learning-models/."""

from django.urls import path  # noqa: F401

app_name = "learning_models"

urlpatterns: list = []
