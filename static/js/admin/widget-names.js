"use strict";
/* Accessible names for the widgets that Django's admin scripts build in the browser, and
 * leave unnamed for a screen reader (and for axe-core):
 *
 * - select2, the autocomplete fields (autocomplete_fields): its box is named by the selected
 *   value only, an empty one by nothing, and a multiple one's search field by nothing. Each
 *   is named here by the field's own <label>, followed by the value; the list of chosen
 *   items gets the list role its extra "clear" button otherwise breaks.
 * - the two-list chooser (filter_horizontal): its search icons carry an aria-label on a
 *   plain <span>, which needs a role to be read.
 *
 * Loaded (deferred) by templates/admin/base_site.html on every admin page, so after the
 * admin's own scripts have run but before they set the widgets up: select2 boxes are named
 * as autocomplete.js makes them (on "ready", and for each inline row added), and the icons
 * once SelectFilter2.js has drawn them (on "load").
 */
{
    const labelOf = (field) => {
        if (!field.id) {
            return null;
        }
        const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
        if (label && !label.id) {
            label.id = `${field.id}-label`;
        }
        return label;
    };

    const nameSelect2 = (select) => {
        const box = select.nextElementSibling;
        const label = labelOf(select);
        if (!label || !box || !box.classList.contains("select2-container")) {
            return;
        }
        const selection = box.querySelector(".select2-selection");
        const rendered = box.querySelector(".select2-selection__rendered");
        if (!selection || !rendered) {
            return;
        }
        if (selection.classList.contains("select2-selection--multiple")) {
            selection.setAttribute("aria-labelledby", label.id);
            rendered.setAttribute("role", "list");
            const search = box.querySelector(".select2-search__field");
            if (search) {
                search.setAttribute("aria-labelledby", label.id);
            }
        } else {
            // The value's box keeps its own id; the combobox reads "label, value".
            rendered.setAttribute("aria-labelledby", label.id);
            selection.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
        }
    };

    const $ = window.django && window.django.jQuery;
    if ($ && $.fn.djangoAdminSelect2) {
        const makeSelect2 = $.fn.djangoAdminSelect2;
        $.fn.djangoAdminSelect2 = function (...args) {
            const made = makeSelect2.apply(this, args);
            this.each((index, select) => nameSelect2(select));
            return made;
        };
    }
    window.addEventListener("load", () => {
        document.querySelectorAll(".selector .search-label-icon[aria-label]").forEach((icon) => {
            icon.setAttribute("role", "img");
        });
    });
}
