/**
 * `exports/index.html`: the instructor's page for one export, opened from disk. Every file with a
 * link, and next to it what the format keeps and loses (LMS importers drop the comments inside
 * files), then how to import each format. Standalone: its own small stylesheet, light and dark.
 */
import type { CompiledLab } from '../../lab/schema';
import { FORMAT_NAMES, type Caveat, type LmsFormat, type Quiz } from '../../quiz';
import { escapeHtml } from '../../quiz/export/html-text';
import { FORMAT_GUIDES, richText } from '../guide';

export interface ExportedQuiz {
  quiz: Quiz;
  paths: Record<LmsFormat, string>;
  caveats: Record<LmsFormat, Caveat[]>;
}

export interface ExportedLab {
  lab: CompiledLab;
  path: string;
  caveats: string[];
}

const ORDER: LmsFormat[] = ['moodle-xml', 'gift', 'qti', 'scorm'];

function caveatList(caveats: readonly Caveat[]): string {
  if (caveats.length === 0) return '<p class="none">Exported as the site has it.</p>';
  const items = caveats.map((c) => `<li>${c.questionId ? `<span class="q">${escapeHtml(c.questionId)}:</span> ` : ''}${richText(c.text)}</li>`);
  return `<ul class="caveats">${items.join('')}</ul>`;
}

function quizSection(e: ExportedQuiz): string {
  const q = e.quiz;
  const rows = ORDER.map(
    (f) => `<li class="file"><p><a href="${escapeHtml(e.paths[f])}" download>${escapeHtml(e.paths[f])}</a> <span class="format">${FORMAT_NAMES[f]}</span></p>${caveatList(e.caveats[f])}</li>`,
  );
  return `<section aria-labelledby="quiz-${escapeHtml(q.id)}">
<h3 id="quiz-${escapeHtml(q.id)}">${escapeHtml(q.title)}${q.lmsOnly ? ' <span class="badge">LMS only</span>' : ''}</h3>
<p class="meta">Quiz <code>${escapeHtml(q.id)}</code> · lesson <code>${escapeHtml(q.lesson)}</code> · ${q.questions.length} questions, ${q.questions.filter((x) => x.type === 'generated').length} parametric · pass mark ${Math.round(q.passingScore * 100)} %${q.lmsOnly ? ' · not on the site' : ''}</p>
<ul class="files">${rows.join('')}</ul>
</section>`;
}

function labSection(e: ExportedLab): string {
  const l = e.lab.lab;
  return `<section aria-labelledby="lab-${escapeHtml(l.id)}">
<h3 id="lab-${escapeHtml(l.id)}">${escapeHtml(l.title)}</h3>
<p class="meta">Lab <code>${escapeHtml(l.id)}</code> · week ${l.week} · ${l.simulator} simulator · ${l.goals.length} goals</p>
<ul class="files"><li class="file"><p><a href="${escapeHtml(e.path)}" download>${escapeHtml(e.path)}</a> <span class="format">${FORMAT_NAMES.scorm}</span></p><ul class="caveats">${e.caveats.map((c) => `<li>${richText(c)}</li>`).join('')}</ul></li></ul>
</section>`;
}

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --ink: #1b2430; --soft: #4a5565; --line: #d8dee6; --accent: #1f5fbf; --badge: #fff4e0; --badge-ink: #8a4b00; --focus: #c2410c; }
@media (prefers-color-scheme: dark) { :root { --bg: #12161c; --ink: #e6eaf0; --soft: #aab4c2; --line: #313b48; --accent: #7fb0ff; --badge: #2e2412; --badge-ink: #f5c26b; --focus: #ffb27a; } }
body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
.lead, .meta, .none { color: var(--soft); }
.meta { margin-top: -0.5rem; font-size: 0.9rem; }
.files { list-style: none; padding: 0; }
.file { border-top: 1px solid var(--line); padding: 0.5rem 0; }
.file > p { margin: 0; font-weight: 600; }
.format { font-weight: 400; color: var(--soft); }
.caveats { margin: 0.25rem 0 0; font-size: 0.95rem; }
.q { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; }
.badge { font-size: 0.75rem; padding: 0.1rem 0.4rem; border-radius: 4px; background: var(--badge); color: var(--badge-ink); vertical-align: middle; }
li + li { margin-top: 0.25rem; }
`;

export function exportIndex(input: { quizzes: readonly ExportedQuiz[]; labs: readonly ExportedLab[]; variants: number }): string {
  const guides = FORMAT_GUIDES.map(
    (g) => `<section aria-labelledby="how-${g.format}">
<h3 id="how-${g.format}">${escapeHtml(g.heading)}</h3>
<p>For ${escapeHtml(g.platforms)}. Files: ${richText(`\`${g.files}\``)}.</p>
<ol>${g.steps.map((s) => `<li>${richText(s)}</li>`).join('')}</ol>
</section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Course exports for learning platforms</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Course exports for learning platforms</h1>
<p class="lead">Every quiz as Moodle XML, GIFT, QTI 1.2 and a SCORM 1.2 package, and every lab as a SCORM 1.2 package, with ${input.variants} variant${input.variants === 1 ? '' : 's'} of each parametric question. These files hold the answer keys: share them only with your learning platform, never on the course site. Under each file: what it cannot carry (the importers drop the comments inside the files).</p>
<nav aria-label="On this page"><ul><li><a href="#quizzes">Quizzes</a></li><li><a href="#labs">Labs</a></li><li><a href="#import">How to import</a></li></ul></nav>
<h2 id="quizzes">Quizzes</h2>
${input.quizzes.length === 0 ? '<p>No quizzes were exported.</p>' : input.quizzes.map(quizSection).join('\n')}
<h2 id="labs">Labs</h2>
${input.labs.length === 0 ? '<p>No labs were exported.</p>' : input.labs.map(labSection).join('\n')}
<h2 id="import">How to import</h2>
${guides.join('\n')}
</main>
</body>
</html>
`;
}
