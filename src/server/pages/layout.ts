/**
 * The document shell shared by all pages: language, title, viewport, our stylesheet and
 * (optionally) scripts. Scripts are external files only: the CSP allows `script-src 'self'`.
 */
import { html, type SafeHtml } from './html';

export interface LayoutOptions {
  lang: 'nb' | 'nn';
  title: string;
  stylesheet: string;
  /** URLs of scripts, loaded in order with `defer`. */
  scripts?: string[];
  bodyClass?: string;
  body: SafeHtml;
}

export function layout(options: LayoutOptions): string {
  return `<!doctype html>\n${html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${options.stylesheet}">
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body class="${options.bodyClass ?? 'page'}">
${options.body}
</body>
</html>
`.value}`;
}
