export interface Config {
  /** Pulse surveys (docs/operations.md, "Pulse surveys"). */
  platformSurveys?: {
    /**
     * The key of the keyed hash (HMAC-SHA256) that stands for a respondent,
     * at least 32 characters; the
     * plugin refuses to start without it. It enforces one answer per person and round
     * without storing who answered; whoever holds it and the database can
     * tell whose a response is, so keep it from the database's readers.
     * Changing it lets everyone answer an open round once more.
     * @visibility secret
     */
    respondentKey?: string;
    /**
     * Results are shown only for groups of at least this many respondents.
     * Default 5; refused below 3.
     */
    anonymityFloor?: number;
  };
}
