// The GOV.UK timeout warning (the pattern of HMRC's hmrc-frontend "timeout dialog"): a modal
// dialog opens SESSION_TIMEOUT_WARNING seconds before the session times out, counts down, and
// offers "Stay signed in" (a same-origin POST that refreshes the session) or "Sign out". At the
// timeout it signs the person out (the signed-out page says why). Its markup and settings are
// in templates/includes/timeout_warning.html; without JavaScript it never opens and the person
// is simply signed out at the timeout.
//
// Accessible: a native modal <dialog> (the rest of the page is inert) with role=dialog,
// aria-modal, a name and a description; focus moves into it, is kept inside it (Tab wraps),
// and goes back where it was when it closes; Escape means "Stay signed in". The countdown on
// screen changes every second but is hidden from screen readers; a polite live region says
// the time left when the dialog opens, at one minute, 40 and 20 seconds.
// Tabs of one session share its end through localStorage, so that working in one tab keeps
// an idle one from signing the person out.
(function () {
  var dialog = document.getElementById('app-timeout-dialog');
  if (!dialog || typeof dialog.showModal !== 'function' || !window.fetch) { return; }
  var KEY = 'app-session-ends-at';
  var warningMs = Number(dialog.getAttribute('data-warning-seconds')) * 1000;
  var keepAliveUrl = dialog.getAttribute('data-keep-alive-url');
  var form = document.getElementById('app-timeout-sign-out');
  var stay = document.getElementById('app-timeout-stay');
  var countdown = document.getElementById('app-timeout-countdown');
  var audible = document.getElementById('app-timeout-audible');
  var endsAt = 0;
  var returnFocus = null;
  var signingOut = false;
  var asking = false;

  function shared() {
    try { return Number(window.localStorage.getItem(KEY)) || 0; } catch (e) { return 0; }
  }

  function endsIn(seconds) {
    endsAt = Date.now() + seconds * 1000;
    try { window.localStorage.setItem(KEY, String(endsAt)); } catch (e) { /* private mode */ }
  }

  function words(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + ' minute' + (minutes === 1 ? '' : 's');
    }
    return seconds + ' second' + (seconds === 1 ? '' : 's');
  }

  // What the live region says: whole minutes, then 40 and 20 seconds (not every second).
  function spoken(seconds) {
    var said = seconds >= 60 ? seconds : Math.ceil(seconds / 20) * 20;
    return 'For your security, we will sign you out in ' + words(said) + '.';
  }

  function show(secondsLeft) {
    countdown.textContent = words(secondsLeft);
    var sentence = spoken(secondsLeft);
    if (audible.textContent !== sentence) { audible.textContent = sentence; }
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
      stay.focus();
    }
  }

  function hide() {
    if (!dialog.open) { return; }
    dialog.close();
    audible.textContent = '';
    if (returnFocus && document.body.contains(returnFocus)) { returnFocus.focus(); }
    returnFocus = null;
  }

  function signOut() {
    if (signingOut) { return; }
    signingOut = true;
    form.submit();
  }

  function keepAlive() {
    if (asking) { return; }
    asking = true;
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    fetch(keepAliveUrl, {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: { 'X-CSRFToken': token, Accept: 'application/json' }
    }).then(function (response) {
      // Anything but 200 (a redirect to sign in: the session has already ended) signs out.
      if (response.status !== 200) { signOut(); return null; }
      return response.json().then(function (data) {
        endsIn(data.seconds_left);
        hide();
      });
    }).catch(function () { /* offline: the dialog stays and the countdown goes on */ })
      .then(function () { asking = false; });
  }

  function tick() {
    var elsewhere = shared();
    if (elsewhere > endsAt) { endsAt = elsewhere; }  // another tab kept the session alive
    var left = Math.ceil((endsAt - Date.now()) / 1000);
    if (left <= 0) { signOut(); } else if (left * 1000 <= warningMs) { show(left); } else { hide(); }
  }

  stay.addEventListener('click', keepAlive);
  dialog.addEventListener('cancel', function (event) {  // Escape
    event.preventDefault();
    keepAlive();
  });
  dialog.addEventListener('keydown', function (event) {
    if (event.key !== 'Tab') { return; }
    var focusable = dialog.querySelectorAll('button, [href], input:not([type="hidden"])');
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  endsIn(Number(dialog.getAttribute('data-seconds-left')));
  tick();
  window.setInterval(tick, 1000);
})();
