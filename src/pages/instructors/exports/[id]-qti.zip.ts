/**
 * `/instructors/exports/<quiz id>-qti.zip`: the QTI 1.2 content package Canvas imports, i.e.
 * imsmanifest.xml plus `<id>/<id>.xml` (5 variants of each parametric question, as a question group).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadQuizzes } from '../../../lib/quizzes';
import { qtiManifest, toQti12, type Quiz } from '../../../quiz';
import { zip } from '../_zip';

export const getStaticPaths = (async () =>
  (await loadQuizzes()).map(({ quiz }) => ({ params: { id: quiz.id }, props: { quiz } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { quiz } = props as { quiz: Quiz };
  const body = zip([
    { name: 'imsmanifest.xml', data: qtiManifest(quiz) },
    { name: `${quiz.id}/${quiz.id}.xml`, data: toQti12(quiz, { variants: 5 }) },
  ]);
  return new Response(body, { headers: { 'Content-Type': 'application/zip' } });
};
