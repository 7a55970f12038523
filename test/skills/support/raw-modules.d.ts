// Vite's `?raw` suffix imports a file's text; the sample skill's bundle is read this way.
declare module "*?raw" {
  const text: string;
  export default text;
}
