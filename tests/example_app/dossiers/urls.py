from django.urls import path

from tests.example_app.dossiers import views

urlpatterns = [
    path("dossiers/", views.dossier_list, name="dossier-list"),
    path("dossiers/<id:pk>/", views.dossier_detail, name="dossier-detail"),
    path("dossiers/<id:pk>/files/", views.dossier_attach, name="dossier-attach"),
    path("dossiers/<id:pk>/<slug:name>/", views.dossier_move, name="dossier-move"),
    path("dossiers/files/<id:pk>/", views.dossier_file, name="dossier-file"),
]
