/*
 * The chat page's behaviour: connects Web Chat to this server's Direct Line, keeps the
 * conversation across reloads in the same tab, and deletes it on request.
 *
 * Plain browser script (ES2019, no bundler, no modules): the CSP allows only same-origin
 * script files. Configuration comes from data-* attributes on #webchat (see chatPage.ts);
 * Web Chat's strings from strings.js (window.PERSONVERN_STRINGS).
 *
 * Session storage holds the conversation id, its Direct Line token and its expiry, nothing a
 * resident wrote. sessionStorage lives only as long as the tab, so closing the tab forgets it.
 */
(function () {
  'use strict';

  /** A stored token is reused on reload only if it lives at least this much longer. */
  var TOKEN_REUSE_MARGIN_MS = 2 * 60 * 1000;
  /** How often to look for a token Direct Line JS refreshed on its own (to store it). */
  var TOKEN_CHECK_INTERVAL_MS = 30 * 1000;

  var root = document.getElementById('webchat');
  var statusRegion = document.getElementById('chat-status');
  var deleteButton = document.getElementById('delete-conversation');
  var downloadButton = document.getElementById('download-conversation');
  var deleteDialog = document.getElementById('delete-dialog');
  if (!root) return;

  var config = {
    municipality: root.getAttribute('data-municipality') || '',
    malform: root.getAttribute('data-malform') === 'nn' ? 'nn' : 'nb',
    locale: root.getAttribute('data-locale') || 'nb-NO',
    tokenUrl: root.getAttribute('data-token-url') || '/api/chat/token',
    directLineDomain: window.location.origin + (root.getAttribute('data-directline-path') || '/v3/directline'),
    messages: {
      deleted: root.getAttribute('data-msg-deleted') || '',
      deleteFailed: root.getAttribute('data-msg-delete-failed') || '',
      downloadFailed: root.getAttribute('data-msg-download-failed') || '',
      connectFailed: root.getAttribute('data-msg-connect-failed') || '',
      newWindow: root.getAttribute('data-msg-new-window') || ''
    }
  };
  // One stored conversation per municipality, so two chat pages in one tab never mix.
  var storageKey = 'personvern-bot:conversation:' + config.municipality;
  var strings = (window.PERSONVERN_STRINGS && window.PERSONVERN_STRINGS[config.malform]) || {};

  /* ------------------------------------------------------------------ status and links */

  /**
   * Puts a message in the page's role="status" region. Cleared first and set a moment later,
   * so screen readers announce the same message again if it repeats.
   */
  function announce(message) {
    if (!statusRegion) return;
    statusRegion.textContent = '';
    window.setTimeout(function () {
      statusRegion.textContent = message;
    }, 100);
  }

  /**
   * Inside an iframe on the municipality's site, links must not open in the small frame: the
   * notice and the accessibility statement open in a new tab (and say so), and "other
   * municipalities" is left out (the host site is one municipality's). Standalone, links
   * behave normally.
   */
  function adaptLinksWhenEmbedded() {
    var embedded;
    try {
      embedded = window.self !== window.top;
    } catch (e) {
      embedded = true;
    }
    if (!embedded) return;
    document.documentElement.classList.add('embedded');
    Array.prototype.forEach.call(document.querySelectorAll('[data-embedded-hide]'), function (el) {
      el.hidden = true;
    });
    var links = document.querySelectorAll('a[data-embedded-target]');
    Array.prototype.forEach.call(links, function (link) {
      var target = link.getAttribute('data-embedded-target');
      link.setAttribute('target', target);
      if (target === '_blank') {
        link.setAttribute('rel', 'noopener');
        var hint = document.createElement('span');
        hint.className = 'new-window-hint';
        hint.textContent = ' ' + config.messages.newWindow;
        link.appendChild(hint);
      }
    });
  }

  /* ------------------------------------------------------------------ session storage */

  function readSession() {
    try {
      var raw = window.sessionStorage.getItem(storageKey);
      var session = raw ? JSON.parse(raw) : null;
      if (
        session &&
        typeof session.token === 'string' &&
        typeof session.conversationId === 'string' &&
        typeof session.expiresAt === 'number' &&
        typeof session.expiresIn === 'number' &&
        typeof session.userId === 'string'
      ) {
        return session;
      }
    } catch (e) {
      // unreadable or blocked storage: start a new conversation
    }
    return null;
  }

  function writeSession(session) {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(session));
    } catch (e) {
      // Storage can be blocked (e.g. third-party iframes in some browsers): the chat still
      // works, only a reload starts a new conversation.
    }
  }

  function clearSession() {
    try {
      window.sessionStorage.removeItem(storageKey);
    } catch (e) {
      // nothing stored, nothing to clear
    }
  }

  /** A random id for the resident in this conversation, so a reload replays their own messages as theirs. */
  function newUserId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return 'r_' + Array.prototype.map.call(bytes, function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  /** Asks this server for a Direct Line token; the Direct Line secret never reaches the browser. */
  function fetchToken() {
    return window
      .fetch(config.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ municipality: config.municipality }),
        credentials: 'same-origin'
      })
      .then(function (res) {
        if (!res.ok) throw new Error('token request failed: ' + res.status);
        return res.json();
      })
      .then(function (body) {
        if (!body || typeof body.token !== 'string' || typeof body.conversationId !== 'string') {
          throw new Error('token response without token or conversationId');
        }
        var expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 1800;
        return {
          token: body.token,
          conversationId: body.conversationId,
          expiresIn: expiresIn,
          expiresAt: Date.now() + expiresIn * 1000,
          userId: newUserId(),
          connected: false,
          watermark: null,
          lastActivityId: null
        };
      });
  }

  /**
   * Direct Line activity ids are "<conversationId>|<watermark padded with zeros>"; the watermark
   * is the number after the "|". Null when an id has another shape.
   */
  function watermarkOf(activityId) {
    if (typeof activityId !== 'string') return null;
    var bar = activityId.lastIndexOf('|');
    if (bar < 0) return null;
    var digits = activityId.slice(bar + 1);
    return /^\d+$/.test(digits) ? String(parseInt(digits, 10)) : null;
  }

  /* ------------------------------------------------------------------ Web Chat */

  var styleOptions = {
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    fontSizeSmall: '85%',
    // Every text colour below has at least 4.5:1 contrast against its background (WCAG AA).
    accent: '#0b4f8a',
    subtle: '#595959',
    timestampColor: '#595959',
    notificationText: '#3d3d3d',
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef1f4',
    bubbleBorderColor: '#c9d0d8',
    bubbleBorderRadius: 8,
    bubbleTextColor: '#1b1b1b',
    bubbleFromUserBackground: '#0b4f8a',
    bubbleFromUserBorderColor: '#0b4f8a',
    bubbleFromUserBorderRadius: 8,
    bubbleFromUserTextColor: '#ffffff',
    // Web Chat's default minimum (250 px) makes bubbles overflow narrow iframes and 320 px screens.
    bubbleMinWidth: 120,
    bubbleMaxWidth: 640,
    sendBoxBackground: '#ffffff',
    sendBoxTextColor: '#1b1b1b',
    sendBoxPlaceholderColor: '#595959',
    sendBoxBorderTop: 'solid 2px #6b7785',
    sendBoxHeight: 48,
    sendBoxTextWrap: true,
    sendBoxButtonColor: '#0b4f8a',
    sendBoxButtonColorOnHover: '#06345c',
    sendBoxButtonColorOnFocus: '#06345c',
    sendBoxButtonKeyboardFocusIndicatorBorderColor: '#1b1b1b',
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 2,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 6,
    suggestedActionBorderColor: '#0b4f8a',
    suggestedActionTextColor: '#0b4f8a',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#1b1b1b',
    suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
    suggestedActionsVisualKeyboardIndicatorColor: '#1b1b1b',
    transcriptActivityVisualKeyboardIndicatorColor: '#1b1b1b',
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 2,
    transcriptVisualKeyboardIndicatorColor: '#1b1b1b',
    transcriptVisualKeyboardIndicatorWidth: 2,
    failedConnectivity: '#a4262c'
  };

  /** The chat currently shown: its session, Direct Line and store. */
  var current = null;

  /** Adds the municipality to an outgoing activity, so the bot answers from the right notice. */
  function withMunicipality(action) {
    var activity = action.payload && action.payload.activity;
    if (!activity) return action;
    var channelData = Object.assign({}, activity.channelData, { municipality: config.municipality });
    return Object.assign({}, action, {
      payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) })
    });
  }

  /* ------------------------------------------------------------------ feedback */

  /** Replies the resident can rate: those answering from the notice (staff see the ratings per answer). */
  var RATED_OUTCOMES = { answer: true, not_covered: true };
  var FEEDBACK_EVENT = 'webchat:activity-status/feedback';

  /**
   * Gives a rateable reply schema.org vote actions, for which Web Chat shows 👍/👎 (the bot cannot
   * send them itself: the Bot Framework connector drops unknown entity fields). Each action's @id
   * names the reply, so the vote can be sent as a messageReaction on it.
   */
  function withFeedbackActions(action) {
    var activity = action.payload && action.payload.activity;
    var outcome = activity && activity.channelData && activity.channelData.outcome;
    if (!activity || activity.type !== 'message' || typeof activity.id !== 'string' || !RATED_OUTCOMES[outcome]) return action;
    var votes = ['upvote', 'downvote'].map(function (option) {
      return {
        type: 'https://schema.org/VoteAction',
        '@context': 'https://schema.org',
        '@type': 'VoteAction',
        '@id': 'feedback:' + option + ':' + activity.id,
        actionOption: option
      };
    });
    var entities = (Array.isArray(activity.entities) ? activity.entities : []).concat(votes);
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { entities: entities }) }) });
  }

  /**
   * Web Chat posts the chosen vote as an event; it is sent as a standard messageReaction on the
   * rated reply instead (as Teams sends likes), which the transcript keeps.
   */
  function asMessageReaction(action) {
    var activity = action.payload && action.payload.activity;
    if (!activity || activity.type !== 'event' || activity.name !== FEEDBACK_EVENT) return action;
    var chosen = Array.isArray(activity.entities) && activity.entities[0];
    var match = chosen && typeof chosen['@id'] === 'string' && /^feedback:(upvote|downvote):(.+)$/.exec(chosen['@id']);
    if (!match) return action;
    var reaction = { type: 'messageReaction', replyToId: match[2], reactionsAdded: [{ type: match[1] === 'upvote' ? 'like' : 'dislike' }] };
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: reaction }) });
  }

  /** Keeps the conversation and the last activity seen, so a reload finds the same conversation. */
  function remember(chat, activity) {
    if (!activity) return;
    var session = chat.session;
    if (activity.conversation && typeof activity.conversation.id === 'string') {
      session.conversationId = activity.conversation.id;
    }
    if (typeof activity.id === 'string') {
      session.lastActivityId = activity.id;
      var watermark = watermarkOf(activity.id);
      if (watermark !== null) session.watermark = watermark;
    }
    storeRefreshedToken(chat);
    writeSession(session);
  }

  /**
   * Direct Line JS refreshes its token by itself (POST /tokens/refresh) and keeps the new one in
   * `directLine.token`; store it, so a reload can still reuse a valid token.
   */
  function storeRefreshedToken(chat) {
    var token = chat.directLine.token;
    if (typeof token === 'string' && token && token !== chat.session.token) {
      chat.session.token = token;
      chat.session.expiresAt = Date.now() + chat.session.expiresIn * 1000;
      writeSession(chat.session);
    }
  }

  function freshElement() {
    while (root.firstChild) root.removeChild(root.firstChild);
    var element = document.createElement('div');
    element.className = 'webchat-root';
    root.appendChild(element);
    return element;
  }

  /**
   * Shows Web Chat for a session. `resume` reconnects to the stored conversation (GET
   * /conversations/{id}); otherwise Direct Line JS starts the conversation the token was issued
   * for (POST /conversations), which makes the bot send its welcome.
   *
   * The stored watermark is deliberately not passed when resuming: Web Chat keeps no transcript
   * of its own, so resuming from the watermark would show an empty chat. Without it the server
   * replays the conversation and the resident sees what they asked before the reload.
   */
  function mount(session, resume) {
    var chat = { session: session, resume: resume, closed: false, directLine: null, store: null, timer: 0 };
    chat.directLine = window.WebChat.createDirectLine({
      domain: config.directLineDomain,
      token: session.token,
      conversationId: resume ? session.conversationId : undefined,
      webSocket: false
    });

    chat.store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (chat.closed) return next(action);
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
            action = withMunicipality(asMessageReaction(action));
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            remember(chat, action.payload && action.payload.activity);
            action = withFeedbackActions(action);
          } else if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            session.connected = true;
            if (chat.directLine.conversationId) session.conversationId = chat.directLine.conversationId;
            writeSession(session);
          } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED') {
            window.setTimeout(function () {
              onConnectFailed(chat);
            }, 0);
          }
          return next(action);
        };
      };
    });

    chat.timer = window.setInterval(function () {
      storeRefreshedToken(chat);
    }, TOKEN_CHECK_INTERVAL_MS);

    window.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        userID: session.userId,
        locale: config.locale,
        overrideLocalizedStrings: strings,
        styleOptions: styleOptions,
        // Our page has its own <main>; the chat is a region inside it, not a second landmark.
        role: 'region',
        sendTypingIndicator: false
      },
      freshElement()
    );
    current = chat;
    return chat;
  }

  function unmount(chat) {
    if (!chat || chat.closed) return;
    chat.closed = true;
    window.clearInterval(chat.timer);
    try {
      chat.store.dispatch({ type: 'DIRECT_LINE/DISCONNECT' });
    } catch (e) {
      // already disconnected
    }
    try {
      chat.directLine.end();
    } catch (e) {
      // already ended
    }
    if (current === chat) current = null;
  }

  /**
   * A stored conversation that cannot be resumed (deleted, expired, or the server restarted)
   * is forgotten and a new one started; a new one that cannot start is reported on the page
   * (Web Chat shows its own connectivity message too).
   */
  function onConnectFailed(chat) {
    if (chat.closed) return;
    unmount(chat);
    if (chat.resume) {
      clearSession();
      start(false);
    } else {
      announce(config.messages.connectFailed);
    }
  }

  /** Resumes the tab's stored conversation if its token is still good, else starts a new one. */
  function start(allowResume) {
    var stored = allowResume ? readSession() : null;
    if (stored && stored.expiresAt - Date.now() > TOKEN_REUSE_MARGIN_MS) {
      // A conversation that never connected is started, not resumed.
      return Promise.resolve(mount(stored, stored.connected === true));
    }
    clearSession();
    return fetchToken()
      .then(function (session) {
        writeSession(session);
        return mount(session, false);
      })
      .catch(function () {
        announce(config.messages.connectFailed);
        return null;
      });
  }

  /* ------------------------------------------------------------------ deleting */

  /** Asks for confirmation with the page's <dialog>; confirm() where <dialog> is unsupported. */
  function confirmDelete() {
    if (deleteDialog && typeof deleteDialog.showModal === 'function') {
      return new Promise(function (resolve) {
        deleteDialog.returnValue = '';
        deleteDialog.addEventListener('close', function onClose() {
          deleteDialog.removeEventListener('close', onClose);
          resolve(deleteDialog.returnValue === 'confirm');
        });
        deleteDialog.showModal();
      });
    }
    var title = document.getElementById('delete-dialog-title');
    var text = document.getElementById('delete-dialog-text');
    return Promise.resolve(window.confirm((title ? title.textContent : '') + '\n' + (text ? text.textContent : '')));
  }

  /**
   * Deletes the conversation on the server (DELETE /conversations/{id}, 204), then forgets it
   * here and starts a new one. 404 counts as deleted: the server no longer has it either.
   */
  function deleteConversation() {
    var chat = current;
    if (!chat) {
      clearSession();
      announce(config.messages.deleted);
      return start(false);
    }
    var token = chat.directLine.token || chat.session.token;
    var url = config.directLineDomain + '/conversations/' + encodeURIComponent(chat.session.conversationId);
    return window
      .fetch(url, { method: 'DELETE', headers: { Authorization: 'Bearer ' + token } })
      .then(function (res) {
        if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw new Error('delete failed: ' + res.status);
        unmount(chat);
        clearSession();
        announce(config.messages.deleted);
        return start(false);
      })
      .catch(function () {
        announce(config.messages.deleteFailed);
      });
  }

  // A flag rather than `disabled`: disabling the focused button would throw keyboard focus
  // back to the top of the page.
  var deleting = false;
  if (deleteButton) {
    deleteButton.addEventListener('click', function () {
      if (deleting) return;
      confirmDelete().then(function (confirmed) {
        if (!confirmed) return null;
        deleting = true;
        deleteButton.setAttribute('aria-busy', 'true');
        return deleteConversation().then(function () {
          deleting = false;
          deleteButton.removeAttribute('aria-busy');
        });
      });
    });
  }

  /* ------------------------------------------------------------------ downloading */

  /**
   * Downloads what the municipality keeps of this conversation (GET …/transcript, masked as
   * archived) as a text file, through a temporary object URL: no new window, nothing stored.
   */
  function downloadConversation() {
    var chat = current;
    if (!chat) return Promise.resolve();
    var token = chat.directLine.token || chat.session.token;
    var url = config.directLineDomain + '/conversations/' + encodeURIComponent(chat.session.conversationId) + '/transcript';
    return window
      .fetch(url, { headers: { Authorization: 'Bearer ' + token } })
      .then(function (res) {
        if (!res.ok) throw new Error('download failed: ' + res.status);
        var name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
        return res.blob().then(function (blob) {
          var link = document.createElement('a');
          link.href = window.URL.createObjectURL(blob);
          link.download = name ? name[1] : 'samtale.txt';
          document.body.appendChild(link);
          link.click();
          document.body.removeChild(link);
          window.setTimeout(function () {
            window.URL.revokeObjectURL(link.href);
          }, 1000);
        });
      })
      .catch(function () {
        announce(config.messages.downloadFailed);
      });
  }

  if (downloadButton) {
    downloadButton.addEventListener('click', function () {
      downloadConversation();
    });
  }

  /* ------------------------------------------------------------------ start */

  adaptLinksWhenEmbedded();
  if (!window.WebChat || typeof window.WebChat.renderWebChat !== 'function') {
    announce(config.messages.connectFailed);
    return;
  }
  start(true);
})();
