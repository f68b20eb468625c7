// Enhance GOV.UK Frontend components. Every page works without this.
if (window.GOVUKFrontend && document.body.classList.contains('govuk-frontend-supported')) {
  window.GOVUKFrontend.initAll();
}

// A wide table or chart that scrolls sideways in its region (.app-table-wrap) becomes a
// named, focusable region, so that keyboard users can scroll it (the GOV.UK pattern); one
// that fits is left alone, with no extra tab stop.
(function () {
  var count = 0;
  function name(wrap) {
    var caption = wrap.querySelector('caption, figcaption');
    if (!caption) return null;
    if (!caption.id) caption.id = 'app-scroll-caption-' + (++count);
    return caption.id;
  }
  function update() {
    document.querySelectorAll('.app-table-wrap').forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        var id = name(wrap);
        wrap.setAttribute('tabindex', '0');
        if (wrap.tagName !== 'FIGURE') wrap.setAttribute('role', 'region');
        if (id) wrap.setAttribute('aria-labelledby', id);
        else wrap.setAttribute('aria-label', 'Table');
      } else if (wrap.hasAttribute('tabindex')) {
        ['tabindex', 'role', 'aria-labelledby', 'aria-label'].forEach(function (attr) {
          wrap.removeAttribute(attr);
        });
      }
    });
  }
  update();
  window.addEventListener('resize', update);
})();
