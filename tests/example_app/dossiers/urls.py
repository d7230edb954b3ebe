from django.urls import path

from tests.example_app.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("dossiers/", views.dossier_list, name="list"),
    path("dossiers/<id:pk>/", views.dossier_detail, name="detail"),
    path("dossiers/<id:pk>/files/", views.dossier_attach, name="attach"),
    path("dossiers/<id:pk>/<slug:name>/", views.dossier_move, name="move"),
    path("dossiers/files/<id:pk>/", views.dossier_file, name="file"),
]
