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
  login_required: {
    en: 'Please sign in to do this.', es: 'Inicie sesión para hacer esto.', fr: 'Veuillez vous connecter pour effectuer cette action.', pt: 'Entre na sua conta para fazer isto.',
  },
  forbidden: {
    en: 'You are not allowed to do this.', es: 'No tiene permiso para hacer esto.', fr: "Vous n'êtes pas autorisé à effectuer cette action.", pt: 'Você não tem permissão para fazer isto.',
  },
  csrf_failed: {
    en: 'This request could not be verified; reload the page and try again.',
    es: 'No se pudo verificar esta solicitud; recargue la página y vuelva a intentarlo.',
    fr: "Cette requête n'a pas pu être vérifiée ; rechargez la page et réessayez.",
    pt: 'Não foi possível verificar esta solicitação; recarregue a página e tente novamente.',
  },
  stale_version: {
    en: 'Someone else changed this record since you opened it. Reload it to see their changes, then apply yours again.',
    es: 'Otra persona modificó este registro después de que usted lo abrió. Recárguelo para ver sus cambios y aplique los suyos de nuevo.',
    fr: "Quelqu'un d'autre a modifié cet enregistrement depuis que vous l'avez ouvert. Rechargez-le pour voir ses modifications, puis appliquez à nouveau les vôtres.",
    pt: 'Outra pessoa alterou este registro depois que você o abriu. Recarregue-o para ver as alterações e aplique as suas novamente.',
  },
  institution_parent_unknown: {
    en: 'The parent institution does not exist.', es: 'La institución superior no existe.', fr: "L'institution de rattachement n'existe pas.", pt: 'A instituição superior não existe.',
  },
  institution_parent_cycle: {
    en: 'An institution cannot be placed under itself or under one of its own units.',
    es: 'Una institución no puede depender de sí misma ni de una de sus propias dependencias.',
    fr: "Une institution ne peut pas être rattachée à elle-même ni à l'une de ses propres unités.",
    pt: 'Uma instituição não pode ficar subordinada a si mesma nem a uma de suas próprias unidades.',
  },
  user_unknown: {
    en: 'There is no account with this identifier.', es: 'No hay ninguna cuenta con este identificador.', fr: 'Aucun compte ne porte cet identifiant.', pt: 'Não há nenhuma conta com este identificador.',
  },
  membership_exists: {
    en: 'This person already holds this role in this institution.', es: 'Esta persona ya tiene este rol en esta institución.',
    fr: 'Cette personne occupe déjà ce rôle dans cette institution.', pt: 'Esta pessoa já tem esta função nesta instituição.',
  },
  bad_request: {
    en: 'The request is not valid.', es: 'La solicitud no es válida.', fr: "La requête n'est pas valide.", pt: 'A solicitação não é válida.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
