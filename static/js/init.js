// Enhance GOV.UK Frontend components. Every page works without this.
if (window.GOVUKFrontend && document.body.classList.contains('govuk-frontend-supported')) {
  window.GOVUKFrontend.initAll();
}
