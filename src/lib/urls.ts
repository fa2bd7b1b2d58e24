/**
 * Every internal link goes through `url()` so the site works under a sub-path (BASE_PATH).
 * `url('lessons/x/')` → `/virt-course/lessons/x/` when base is `/virt-course/`.
 */
export function url(path = '', base: string = import.meta.env.BASE_URL): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

export const lessonUrl = (id: string): string => url(`lessons/${id}/`);
export const glossaryUrl = (id?: string): string => url(`glossary/${id ? `#${id}` : ''}`);
