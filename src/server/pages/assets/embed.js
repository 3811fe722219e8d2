/*
 * Embeds a municipality's privacy chat in any page, as an iframe from this server:
 *
 *   <script src="https://<this server>/assets/embed.js" data-municipality="stranda" async></script>
 *
 * Optional: data-height (CSS length, default 40rem), data-title (the iframe's accessible name).
 * The iframe is inserted where the script tag is. An iframe rather than Web Chat on the host
 * page keeps the host's scripts, cookies and CSP apart from the chat, and the other way round.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var municipality = script.getAttribute('data-municipality') || '';
  if (!/^[a-z0-9-]+$/.test(municipality)) {
    if (window.console) window.console.warn('personvern-bot embed: data-municipality is missing or invalid');
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;

  var frame = document.createElement('iframe');
  frame.src = origin + '/chat/' + encodeURIComponent(municipality);
  frame.title = script.getAttribute('data-title') || 'Chat om personvern';
  frame.setAttribute('loading', 'lazy');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.maxWidth = '100%';
  frame.style.height = script.getAttribute('data-height') || '40rem';
  frame.style.border = '1px solid #c9d0d8';
  frame.style.borderRadius = '8px';
  script.parentNode.insertBefore(frame, script);
})();
