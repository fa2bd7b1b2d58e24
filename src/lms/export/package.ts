/**
 * A SCORM 1.2 package as zip entries: the manifest, the launch page carrying the activity as JSON,
 * and the player script and styles built for its kind (run.mjs builds them with Vite). Every path
 * is relative, so it runs from the LMS's copy of the files, or from disk as a preview.
 */
import { zipSync, strToU8 } from 'fflate';
import { clientLab } from '../../lab/client-lab';
import type { CompiledLab } from '../../lab/schema';
import type { Quiz } from '../../quiz';
import { escapeHtml } from '../../quiz/export/html-text';
import { scormManifest } from '../scorm/manifest';

export interface Player {
  js: string;
  css: string;
}

/** JSON inside <script type="application/json">: "<" written as \u003c so no text can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function launchPage(title: string, activity: unknown): string {
  return `<!doctype html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="player.css">
<script>document.documentElement.dataset.theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';</script>
</head>
<body>
<div id="app"><noscript><p>This activity needs JavaScript.</p></noscript></div>
<script type="application/json" id="activity">${scriptJson(activity)}</script>
<script src="player.js"></script>
</body>
</html>
`;
}

/** A fixed date in every entry, so the same content always gives the same bytes. */
const MTIME = new Date('2026-01-01T00:00:00Z');

function packageZip(identifier: string, title: string, masteryScore: number | null, page: string, player: Player): Uint8Array {
  const files = ['index.html', 'player.js', 'player.css'];
  return zipSync(
    {
      'imsmanifest.xml': strToU8(scormManifest({ identifier, title, masteryScore, files })),
      'index.html': strToU8(page),
      'player.js': strToU8(player.js),
      'player.css': strToU8(player.css),
    },
    { level: 9, mtime: MTIME },
  );
}

export function quizPackage(quiz: Quiz, player: Player): Uint8Array {
  return packageZip(`vcourse-quiz-${quiz.id}`, quiz.title, quiz.passingScore * 100, launchPage(quiz.title, { kind: 'quiz', value: quiz }), player);
}

export function labPackage(compiled: CompiledLab, player: Player): Uint8Array {
  const lab = clientLab(compiled);
  return packageZip(`vcourse-lab-${lab.lab.id}`, lab.lab.title, null, launchPage(lab.lab.title, { kind: 'lab', value: lab }), player);
}
