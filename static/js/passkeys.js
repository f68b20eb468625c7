// Passkeys and security keys (WebAuthn) on the second-factor pages. allauth's scripts do the
// work (mfa/js/webauthn.js, wired by account/js/onload.js from the pages' JSON blocks); this
// shows the passkey buttons only where the browser can use them, and says so when the key
// fails or the person cancels. Without JavaScript the pages say that it is needed and the
// buttons stay hidden.
(function () {
  var supported = 'PublicKeyCredential' in window;
  document.querySelectorAll('[data-app-passkey-no-script]').forEach(function (el) {
    el.hidden = true;
  });
  document.querySelectorAll('[data-app-passkey]').forEach(function (el) {
    el.hidden = !supported;
  });
  document.querySelectorAll('[data-app-passkey-unsupported]').forEach(function (el) {
    el.hidden = supported;
  });
  document.addEventListener('allauth.error', function (event) {
    var message = document.querySelector('[data-app-passkey-error]');
    if (!message) return;
    event.preventDefault();
    message.hidden = false;
    message.focus();
  });
})();
