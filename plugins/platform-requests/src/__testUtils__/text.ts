/**
 * Matches the innermost element whose whole text is `text`, also when user
 * text inside it sits in its own <bdi> ("Declined: <bdi>reason</bdi>").
 */
export const wholeText =
  (text: string) =>
  (_content: string, element: Element | null): boolean =>
    element?.textContent === text &&
    !Array.from(element.children).some(child => child.textContent === text);
