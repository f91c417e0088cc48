/** Context sequences (requests generating at once) when the settings don't say. */
export const defaultSequences = 4;
