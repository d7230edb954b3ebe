"""The public register of learning models and the recognitions' certificates, under
/learning-models/."""

from django.urls import path

from learning_models.views import public

app_name = "learning_models"

urlpatterns = [
    path("", public.register, name="register"),
    path("units/<id:pk>/", public.unit, name="unit"),
    path("households/<id:pk>/<int:year>/", public.households, name="households"),
    # The verification code (eight hexadecimal digits) is checked by the view: anything
    # else is a 404.
    path("<str:code>/", public.recognition, name="recognition"),
    path("<str:code>/certificate/", public.certificate, name="certificate"),
]
