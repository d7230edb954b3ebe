// The receipt's "Print" button (templates/scholarships/portal/receipt.html): hidden until
// this script runs, since without it the browser's own Print command is the way.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
