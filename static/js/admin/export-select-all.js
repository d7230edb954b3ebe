// The "select all" box of the admin export page (templates/admin/import_export/export.html),
// bound here because the strict Content Security Policy forbids onchange= attributes.
// onSelectToggleChange comes from django-import-export's export_selectable_fields.js.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((box) => {
    box.addEventListener("change", (event) => {
      if (typeof onSelectToggleChange === "function") {
        onSelectToggleChange(event);
      }
    });
  });
});
