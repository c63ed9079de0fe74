// Where the results page remembers itself for this tab, so an expired offer can send the
// traveller back to the same results (components/booking/offer-types.ts reads it). A module of
// its own: the results page's first load takes this line, not the booking module.
export const LAST_SEARCH_KEY = 'traqora:last-search';
