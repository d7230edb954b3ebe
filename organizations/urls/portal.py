from django.urls import path

from organizations import views

app_name = "organizations_portal"

urlpatterns = [
    path("units/", views.my_units, name="my-units"),
    path("units/<id:pk>/", views.unit_detail, name="unit-detail"),
]
