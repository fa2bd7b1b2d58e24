/// <reference types="astro/client" />

declare module '*.yaml?raw' {
  const text: string;
  export default text;
}

declare namespace App {
  interface Locals {
    /** The content file a page renders (`content/lessons/x.mdx`), so components in it can name it in build errors. */
    contentFile?: string;
  }
}
