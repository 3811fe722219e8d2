/** Where the staff router is mounted and the URLs of its pages, built in one place. */
export const STAFF_PATH = '/staff';

const enc = encodeURIComponent;

export const STAFF_URLS = {
  home: STAFF_PATH,
  css: `${STAFF_PATH}/staff.css`,
  login: `${STAFF_PATH}/login`,
  logout: `${STAFF_PATH}/logout`,
  conversations: `${STAFF_PATH}/conversations`,
  conversation: (channelId: string, conversationId: string) => `${STAFF_PATH}/conversations/${enc(channelId)}/${enc(conversationId)}`,
  deleteConversation: (channelId: string, conversationId: string) => `${STAFF_PATH}/conversations/${enc(channelId)}/${enc(conversationId)}/delete`,
  unanswered: `${STAFF_PATH}/unanswered`,
  requests: `${STAFF_PATH}/requests`,
  requestsCsv: `${STAFF_PATH}/requests.csv`,
  request: (reference: string) => `${STAFF_PATH}/requests/${enc(reference)}`,
  requestStatus: (reference: string) => `${STAFF_PATH}/requests/${enc(reference)}/status`,
  requestRedeliver: (reference: string) => `${STAFF_PATH}/requests/${enc(reference)}/redeliver`,
  audit: `${STAFF_PATH}/audit`,
} as const;

/** A URL with query parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Only our own pages are allowed as the place to return to after signing in (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith(`${STAFF_PATH}/`) || next.startsWith('//') || /[\\\r\n]/.test(next) || next.startsWith(STAFF_URLS.login)) return STAFF_URLS.conversations;
  return next;
}
