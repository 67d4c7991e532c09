/** Server-side messages shown to people, in every supported UI language. */
import type { Locale } from './locale';

const MESSAGES = {
  not_found: {
    en: 'Not found.', es: 'No encontrado.', fr: 'Introuvable.', pt: 'Não encontrado.',
  },
  recommendation_not_found: {
    en: 'There is no recommendation with this identifier.',
    es: 'No hay ninguna recomendación con este identificador.',
    fr: "Aucune recommandation ne porte cet identifiant.",
    pt: 'Não há nenhuma recomendação com este identificador.',
  },
  invalid_parameter: {
    en: 'Invalid parameter {param}: {detail}',
    es: 'Parámetro no válido {param}: {detail}',
    fr: 'Paramètre non valide {param} : {detail}',
    pt: 'Parâmetro inválido {param}: {detail}',
  },
  page_too_deep: {
    en: 'Only the first {max} results can be paged through; narrow the search or download the CSV.',
    es: 'Solo se pueden recorrer los primeros {max} resultados; acote la búsqueda o descargue el CSV.',
    fr: 'Seuls les {max} premiers résultats peuvent être parcourus ; affinez la recherche ou téléchargez le CSV.',
    pt: 'Só é possível percorrer os primeiros {max} resultados; refine a pesquisa ou baixe o CSV.',
  },
  too_many_requests: {
    en: 'Too many requests; please wait a moment and try again.',
    es: 'Demasiadas solicitudes; espere un momento y vuelva a intentarlo.',
    fr: 'Trop de requêtes ; veuillez patienter un instant et réessayer.',
    pt: 'Demasiadas solicitações; aguarde um momento e tente novamente.',
  },
  internal_error: {
    en: 'Something went wrong on our side. The error has been logged.',
    es: 'Algo salió mal de nuestro lado. El error quedó registrado.',
    fr: "Une erreur s'est produite de notre côté. Elle a été consignée.",
    pt: 'Algo deu errado do nosso lado. O erro foi registrado.',
  },
  bad_request: {
    en: 'The request is not valid.', es: 'La solicitud no es válida.', fr: "La requête n'est pas valide.", pt: 'A solicitação não é válida.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
