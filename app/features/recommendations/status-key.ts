/** The cache key of a recommendation's implementation status, shared by the public view and the secretariat's form. */
export const statusQueryKey = (id: number, locale: string) => ['recommendation-status', id, locale];
