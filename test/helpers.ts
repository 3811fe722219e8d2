/** Shared test helpers: loading the fixture content and the product content. */
import { join } from 'node:path';
import { loadContent, type Content } from '../src/content/load';

export const FIXTURE_CONTENT_DIR = join(__dirname, 'fixtures', 'content');
export const PRODUCT_CONTENT_DIR = join(__dirname, '..', 'content');

export const fixtureContent = (): Content => loadContent(FIXTURE_CONTENT_DIR);
export const productContent = (): Content => loadContent(PRODUCT_CONTENT_DIR);
