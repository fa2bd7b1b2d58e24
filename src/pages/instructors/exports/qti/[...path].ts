/**
 * The QTI package unzipped, as the manifest lays it out, for reading or zipping by hand:
 * `/instructors/exports/qti/<id>/imsmanifest.xml` and `/instructors/exports/qti/<id>/<id>/<id>.xml`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadQuizzes } from '../../../../lib/quizzes';
import { qtiManifest, toQti12 } from '../../../../quiz';

export const getStaticPaths = (async () =>
  (await loadQuizzes()).flatMap(({ quiz }) => [
    { params: { path: `${quiz.id}/imsmanifest.xml` }, props: { xml: qtiManifest(quiz) } },
    { params: { path: `${quiz.id}/${quiz.id}/${quiz.id}.xml` }, props: { xml: toQti12(quiz, { variants: 5 }) } },
  ])) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { xml: string }).xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
