/** `/instructors/exports/<quiz id>.gift`: the quiz in Moodle GIFT, 5 variants of each parametric question. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadQuizzes } from '../../../lib/quizzes';
import { toGift, type Quiz } from '../../../quiz';

export const getStaticPaths = (async () =>
  (await loadQuizzes()).map(({ quiz }) => ({ params: { id: quiz.id }, props: { quiz } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(toGift((props as { quiz: Quiz }).quiz, { variants: 5 }), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
