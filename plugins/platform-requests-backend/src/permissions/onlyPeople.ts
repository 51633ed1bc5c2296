/** The rule behind every change: a person, not a service, makes it. */
export const ONLY_PEOPLE_CHANGE =
  'only a signed-in person changes platform requests';
