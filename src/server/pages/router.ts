/**
 * The resident-facing pages: the list of municipalities, the chat page for one, the
 * accessibility statement and the static assets (Web Chat served from node_modules, no CDN).
 */
import { Router } from 'express';
import type { Municipality } from '../../content/schema';

export interface PagesDependencies {
  municipalities: Municipality[];
}

export function createPagesRouter(_deps: PagesDependencies): Router {
  return Router();
}
