import { describe, expect, it } from 'vitest';
import { linkEachWidgetStylesheetOnce } from '../../../src/lib/widget-stylesheets';
import { onRequest } from '../../../src/middleware';

const link = (href: string) => `<link rel="stylesheet" href="${href}" data-widget-styles>`;

describe('linkEachWidgetStylesheetOnce', () => {
  it('keeps the first link to each widget stylesheet and drops the later ones', () => {
    const html = `<main><p>text</p>${link('/a.css')}<div>calc 1</div>${link('/b.css')}<div>lab</div>${link('/a.css')}<div>calc 2</div>${link('/a.css')}${link('/c.css')}<div>quiz</div></main>`;
    expect(linkEachWidgetStylesheetOnce(html)).toBe(`<main><p>text</p>${link('/a.css')}<div>calc 1</div>${link('/b.css')}<div>lab</div><div>calc 2</div>${link('/c.css')}<div>quiz</div></main>`);
  });

  it('leaves links it did not write alone, repeated or not, and a page without repeats as it is', () => {
    const html = `<head><link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/ec.css"/></head><body><link rel="stylesheet" href="/a.css">${link('/a.css')}<link rel="preload" href="/a.css" data-widget-styles></body>`;
    expect(linkEachWidgetStylesheetOnce(html)).toBe(html);
    const once = `${link('/a.css')}${link('/b.css')}`;
    expect(linkEachWidgetStylesheetOnce(once)).toBe(once);
  });

  it('takes the marker with or without a value and a self-closing link', () => {
    const html = `${link('/a.css')}<link rel="stylesheet" href="/a.css" data-widget-styles=""/><link rel="stylesheet" href="/a.css" data-widget-styles />`;
    expect(linkEachWidgetStylesheetOnce(html)).toBe(link('/a.css'));
  });
});

describe('the middleware', () => {
  const run = async (body: string, type: string, status = 200) => {
    const response = await onRequest({} as never, async () => new Response(body, { status, headers: { 'content-type': type, 'x-kept': 'yes' } }));
    return response as Response;
  };

  it('takes the repeats out of an HTML page and keeps its status and headers', async () => {
    const response = await run(`${link('/a.css')}<div></div>${link('/a.css')}`, 'text/html; charset=utf-8', 404);
    expect(await response.text()).toBe(`${link('/a.css')}<div></div>`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-kept')).toBe('yes');
  });

  it('passes anything that is not HTML through as it is', async () => {
    const body = `${link('/a.css')}${link('/a.css')}`;
    for (const type of ['application/xml', 'text/plain; charset=utf-8', 'application/json']) expect(await (await run(body, type)).text()).toBe(body);
  });
});
