/** Where the self-hosted Direct Line lives; shared by its HTTP routes and its WebSocket streams. */
export const DIRECT_LINE_PATH = '/v3/directline';
