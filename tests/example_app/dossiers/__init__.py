"""Recognition dossiers: a unit's dossier goes draft → submitted → approved (or back to
draft with a reason), with a file attached, its history and an officers' page. Written
with the portal's shared machinery only (tests/example_app/README.md)."""
