// A page component to the string sent: the doctype and the rendered, escaped HTML (hono/jsx
// escapes every text and attribute it is given, so figures, names and notes can hold anything).
export async function renderDocument(element: unknown): Promise<string> {
  return `<!doctype html>${String(await element)}`;
}
