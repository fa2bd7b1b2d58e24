import { describe, expect, it } from 'vitest';
import { linkEachWidgetStylesheetOnce, widgetCount } from '../../../src/lib/widget-stylesheets';

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

describe('widgetCount', () => {
  const names = ['Lab', 'NetworkLab', 'SizingCalculator'];
  it('counts each widget tag of the source, and nothing else', () => {
    const source = '# Title\n\n<SizingCalculator id="a" />\n\nText about a Lab and <Labrador>.\n\n<SizingCalculator\n  id="b"\n/>\n<NetworkLab id="n"/>\n<Lab id="l" />\n<Callout>x</Callout>';
    expect(widgetCount(source, names)).toBe(4);
  });

  it('is 0 for a text lesson and ignores names that are not component names', () => {
    expect(widgetCount('# Only text\n\nA <em>lab</em>.', names)).toBe(0);
    expect(widgetCount('<a.b> <.*>', ['a.b', '.*', ''])).toBe(0);
  });
});
