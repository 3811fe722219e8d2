/**
 * Static assets of the pages: our own browser scripts and CSS (assets/) and Web Chat's bundle,
 * served from node_modules so no CDN ever sees a resident's page view.
 *
 * URLs carry a version (`?v=`): the Web Chat version, or a hash of our file's content, so the
 * files can be cached for long and a deployment still reaches every browser at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RequestHandler } from 'express';

export const ASSETS_DIR = join(__dirname, 'assets');

/** The files of ASSETS_DIR the pages use, by URL name. */
export const OWN_ASSETS = ['chat.js', 'chat.css', 'strings.js', 'embed.js'] as const;
export type OwnAsset = (typeof OWN_ASSETS)[number];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The botframework-webchat package folder. `require.resolve('botframework-webchat/package.json')`
 * fails because the package's `exports` map does not list it, so resolve the main entry and
 * walk up to the folder whose package.json names the package; fall back to the usual place.
 */
export function webChatPackageDir(): string {
  try {
    let dir = dirname(require.resolve('botframework-webchat'));
    for (let i = 0; i < 6; i += 1) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (name === 'botframework-webchat') return dir;
      }
      dir = dirname(dir);
    }
  } catch {
    // fall through to the conventional location
  }
  return join(process.cwd(), 'node_modules', 'botframework-webchat');
}

interface LoadedAsset {
  body: Buffer;
  contentType: string;
  version: string;
}

function load(file: string, version?: string): LoadedAsset {
  const body = readFileSync(file);
  const ext = file.slice(file.lastIndexOf('.'));
  return {
    body,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    version: version ?? createHash('sha256').update(body).digest('hex').slice(0, 12),
  };
}

export interface Assets {
  /** The versioned URL of an asset, for the pages' <script>/<link> tags. */
  url(name: OwnAsset | 'webchat.js'): string;
  /** Serves GET /assets/:name. */
  handler: RequestHandler;
}

/**
 * Reads the assets once at start-up: a missing Web Chat bundle stops start-up with a clear
 * message rather than serving a chat page that can never load.
 */
export function loadAssets(): Assets {
  const webChatDir = webChatPackageDir();
  const webChatBundle = join(webChatDir, 'dist', 'webchat.js');
  if (!existsSync(webChatBundle)) {
    throw new Error(`Web Chat bundle not found at ${webChatBundle}; run npm ci`);
  }
  const { version } = JSON.parse(readFileSync(join(webChatDir, 'package.json'), 'utf8')) as { version: string };
  const assets = new Map<string, LoadedAsset>([['webchat.js', load(webChatBundle, version)]]);
  for (const name of OWN_ASSETS) assets.set(name, load(join(ASSETS_DIR, name)));

  const handler: RequestHandler = (req, res, next) => {
    const name = req.params['name'];
    const asset = typeof name === 'string' ? assets.get(name) : undefined;
    if (!asset) {
      next();
      return;
    }
    // A request for the current version may be cached for a year; any other (an old page, a
    // hand-written URL, embed.js included from a municipality's site) must revalidate.
    const current = req.query['v'] === asset.version;
    res.set({
      'Content-Type': asset.contentType,
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      ETag: `"${asset.version}"`,
      // embed.js is loaded by municipalities' own sites; the rest only by our pages.
      'Cross-Origin-Resource-Policy': name === 'embed.js' ? 'cross-origin' : 'same-origin',
    });
    if (req.headers['if-none-match'] === `"${asset.version}"`) {
      res.status(304).end();
      return;
    }
    res.send(asset.body);
  };

  return {
    url: (name) => {
      const asset = assets.get(name);
      return `/assets/${name}${asset ? `?v=${asset.version}` : ''}`;
    },
    handler,
  };
}
