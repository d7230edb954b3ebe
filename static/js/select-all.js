// "Tick all" of the officers' activity list (templates/campaigns/portal/activity_list.html).
// The list works without it: each row has its own checkbox. The box (in its label) is hidden
// until this script runs, and bound here because the Content Security Policy forbids inline
// handlers.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-all").forEach((all) => {
    const rows = all.form ? Array.from(all.form.querySelectorAll("input.select-row")) : [];
    if (!rows.length) {
      return;
    }
    const update = () => {
      const ticked = rows.filter((box) => box.checked).length;
      all.checked = ticked === rows.length;
      all.indeterminate = ticked > 0 && ticked < rows.length;
    };
    (all.closest("label") || all).hidden = false;
    all.addEventListener("change", () => {
      rows.forEach((box) => {
        box.checked = all.checked;
      });
    });
    rows.forEach((box) => box.addEventListener("change", update));
    update();
  });
});
