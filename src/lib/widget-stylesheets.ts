/**
 * A widget's stylesheet is linked in the body just before the widget (src/components/WidgetStyles.astro),
 * so a page with seven sizing calculators had seven links to the same file. The browser fetches the
 * file once, but each link it meets adds a style sheet to the page, and every added sheet makes it
 * work out the style and layout of the whole page again. On the anatomy lesson (5,000 elements),
 * measured in Chromium at 4× CPU slowdown, 7 loads each: style recalculation 761 ms and 21 layouts
 * with the repeated links, 362 ms and 9 layouts with each file linked once (issue 16).
 *
 * `linkEachWidgetStylesheetOnce` keeps the first link to each widget stylesheet in a page and drops
 * the later ones: the first comes before the first widget that needs it, so every later widget is
 * styled by it already. Widget stylesheets style their own classes only, so dropping a repeat does not
 * change the cascade (the computed style of every element of the four lessons with repeats was the
 * same either way, at 1,280 and 390 px in both themes). Only links WidgetStyles.astro writes (marked
 * `data-widget-styles`) are touched. src/components/LessonBody.astro applies it to a lesson's text,
 * where every widget is. (As Astro middleware over every page it cost the 200-lesson benchmark's
 * build 0.5-1.9 s in each of three alternating pairs; the text of a lesson is the only place with
 * repeats.)
 */
/** The attribute WidgetStyles.astro marks its links with. */
const WIDGET_STYLES_ATTRIBUTE = 'data-widget-styles';

const WIDGET_LINK = new RegExp(`<link rel="stylesheet" href="([^"]*)" ${WIDGET_STYLES_ATTRIBUTE}(?:="[^"]*")?\\s*/?>`, 'g');

/** `html` with every link to a widget stylesheet after the first to the same file taken out. */
export function linkEachWidgetStylesheetOnce(html: string): string {
  const linked = new Set<string>();
  return html.replace(WIDGET_LINK, (link, href: string) => {
    if (linked.has(href)) return '';
    linked.add(href);
    return link;
  });
}

/** How many widgets an MDX source uses (`<Name …>` for each of `names`); fewer than two cannot repeat a stylesheet. */
export function widgetCount(source: string, names: readonly string[]): number {
  let count = 0;
  for (const name of names) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) continue;
    count += source.match(new RegExp(`<${name}[\\s/>]`, 'g'))?.length ?? 0;
  }
  return count;
}
