/**
 * `imsmanifest.xml` of a SCORM 1.2 package (SCORM 1.2 Content Aggregation Model, ADL's
 * imscp_rootv1p1p2 and adlcp_rootv1p2 namespaces): one organization with one item, launched from
 * one SCO resource that lists every file of the package (SPEC S1). `adlcp:masteryscore` (0–100)
 * is the pass mark the LMS hands back as `cmi.student_data.mastery_score`.
 */
import { escapeXml } from '../../quiz/export/qti12';

export interface ManifestInput {
  /** Unique, stable: the LMS recognises an updated package by it. */
  identifier: string;
  title: string;
  /** Percent 0–100, or null for none. */
  masteryScore: number | null;
  /** Paths inside the package; the first one is launched. */
  files: readonly string[];
}

/** XML ids are NCNames: a letter first, then letters, digits, `-`, `_`, `.`. */
export const xmlId = (text: string): string => {
  const id = text.replace(/[^A-Za-z0-9_.-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `id-${id}`;
};

export function scormManifest(m: ManifestInput): string {
  const id = xmlId(m.identifier);
  const title = escapeXml(m.title);
  const mastery = m.masteryScore === null ? '' : `\n        <adlcp:masteryscore>${Math.round(Math.min(100, Math.max(0, m.masteryScore)))}</adlcp:masteryscore>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(m.files[0] ?? 'index.html')}">
${m.files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}
