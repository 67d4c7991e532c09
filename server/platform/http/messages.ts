/** Server-side messages shown to people, in every supported UI language. */
import type { Locale } from './locale';
import { NETWORK_MESSAGES } from '../../modules/network/network.messages';

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
  invalid_value: {
    en: 'Invalid parameter: {field} {rule}.',
    es: 'Parámetro no válido: {field} {rule}.',
    fr: 'Paramètre non valide : {field} {rule}.',
    pt: 'Parâmetro inválido: {field} {rule}.',
  },
  field_q: { en: 'the search text', es: 'el texto de búsqueda', fr: 'le texte recherché', pt: 'o texto da pesquisa' },
  field_year_from: { en: 'the start year', es: 'el año inicial', fr: 'l’année de début', pt: 'o ano inicial' },
  field_email: { en: 'the email address', es: 'la dirección de correo', fr: 'l’adresse électronique', pt: 'o endereço de e-mail' },
  field_year_to: { en: 'the end year', es: 'el año final', fr: 'l’année de fin', pt: 'o ano final' },
  validation_required: { en: 'is required', es: 'es un dato obligatorio', fr: 'est obligatoire', pt: 'é um dado obrigatório' },
  validation_range: {
    en: 'must be between {min} and {max}', es: 'debe estar entre {min} y {max}', fr: 'doit se situer entre {min} et {max}', pt: 'deve estar entre {min} e {max}',
  },
  validation_min: { en: 'must be at least {min}', es: 'debe ser como mínimo {min}', fr: 'doit valoir au moins {min}', pt: 'deve ser no mínimo {min}' },
  validation_max: { en: 'must be at most {max}', es: 'debe ser como máximo {max}', fr: 'doit valoir au plus {max}', pt: 'deve ser no máximo {max}' },
  validation_integer: { en: 'must be a whole number', es: 'debe ser un número entero', fr: 'doit être un nombre entier', pt: 'deve ser um número inteiro' },
  validation_number: { en: 'must be a number', es: 'debe ser un número', fr: 'doit être un nombre', pt: 'deve ser um número' },
  validation_text: { en: 'must be text', es: 'debe ser un texto', fr: 'doit être un texte', pt: 'deve ser um texto' },
  validation_boolean: { en: 'must be true or false', es: 'debe ser true o false', fr: 'doit valoir true ou false', pt: 'deve ser true ou false' },
  validation_kind: { en: 'has a value of the wrong kind', es: 'tiene un valor de un tipo incorrecto', fr: 'a une valeur du mauvais type', pt: 'tem um valor do tipo errado' },
  validation_text_max: {
    en: 'is too long (at most {max} characters)', es: 'es demasiado largo (máximo {max} caracteres)',
    fr: 'est trop long (au plus {max} caractères)', pt: 'é longo demais (no máximo {max} caracteres)',
  },
  validation_text_min: {
    en: 'must have at least {min} characters', es: 'debe tener al menos {min} caracteres', fr: 'doit comporter au moins {min} caractères', pt: 'deve ter pelo menos {min} caracteres',
  },
  validation_values_max: {
    en: 'accepts at most {max} values', es: 'admite como máximo {max} valores', fr: 'accepte au plus {max} valeurs', pt: 'aceita no máximo {max} valores',
  },
  validation_values_min: {
    en: 'needs at least {min} values', es: 'necesita al menos {min} valores', fr: 'demande au moins {min} valeurs', pt: 'precisa de pelo menos {min} valores',
  },
  validation_one_of: {
    en: 'must be one of: {options}', es: 'debe ser uno de estos valores: {options}', fr: 'doit être l’une de ces valeurs : {options}', pt: 'deve ser um destes valores: {options}',
  },
  validation_date: {
    en: 'must be a date written YYYY-MM-DD', es: 'debe ser una fecha con el formato AAAA-MM-DD', fr: 'doit être une date au format AAAA-MM-JJ', pt: 'deve ser uma data no formato AAAA-MM-DD',
  },
  validation_email: {
    en: 'must look like name@example.org', es: 'debe tener la forma nombre@ejemplo.org',
    fr: 'doit avoir la forme nom@exemple.org', pt: 'deve ter a forma nome@exemplo.org',
  },
  validation_format: { en: 'is not in the expected form', es: 'no tiene la forma esperada', fr: 'n’a pas la forme attendue', pt: 'não tem a forma esperada' },
  validation_unknown_fields: {
    en: 'contains fields that are not accepted: {fields}', es: 'contiene campos que no se aceptan: {fields}',
    fr: 'contient des champs qui ne sont pas acceptés : {fields}', pt: 'contém campos que não são aceitos: {fields}',
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
  institution_retired: {
    en: 'This institution is retired: its assignments and members are kept as they were, and nothing new can be given to it.',
    es: 'Esta institución está dada de baja: sus asignaciones y miembros se conservan tal como estaban y no se le puede asignar nada nuevo.',
    fr: 'Cette institution est retirée : ses attributions et ses membres sont conservés tels quels et rien de nouveau ne peut lui être confié.',
    pt: 'Esta instituição está desativada: as suas atribuições e membros são mantidos como estavam e nada de novo lhe pode ser atribuído.',
  },
  institution_merge_same: {
    en: 'An institution cannot be merged into itself.', es: 'Una institución no puede fusionarse consigo misma.',
    fr: 'Une institution ne peut pas être fusionnée avec elle-même.', pt: 'Uma instituição não pode ser fundida consigo mesma.',
  },
  institution_merge_into_retired: {
    en: 'The institution to merge into is retired: choose an active one.', es: 'La institución de destino está dada de baja: elija una activa.',
    fr: "L'institution de destination est retirée : choisissez-en une active.", pt: 'A instituição de destino está desativada: escolha uma ativa.',
  },
  institution_already_merged: {
    en: 'This institution was already merged into another one.', es: 'Esta institución ya se fusionó con otra.',
    fr: 'Cette institution a déjà été fusionnée avec une autre.', pt: 'Esta instituição já foi fundida com outra.',
  },
  last_administrator: {
    en: 'This is the last active administrator: give the administrator role to someone else before deactivating this account or taking the role away.',
    es: 'Es el último administrador activo: otorgue el rol de administrador a otra persona antes de desactivar esta cuenta o quitarle el rol.',
    fr: "C'est le dernier administrateur actif : donnez le rôle d'administrateur à une autre personne avant de désactiver ce compte ou de lui retirer ce rôle.",
    pt: 'É o último administrador ativo: atribua o papel de administrador a outra pessoa antes de desativar esta conta ou de lhe retirar o papel.',
  },
  institution_unknown: {
    en: 'There is no institution with this identifier.', es: 'No hay ninguna institución con este identificador.', fr: 'Aucune institution ne porte cet identifiant.', pt: 'Não há nenhuma instituição com este identificador.',
  },
  assignment_institutions: {
    en: 'Give one institution (institution_id) or several (institution_ids), not both.', es: 'Indique una institución (institution_id) o varias (institution_ids), no ambas cosas.',
    fr: 'Indiquez une institution (institution_id) ou plusieurs (institution_ids), pas les deux.', pt: 'Indique uma instituição (institution_id) ou várias (institution_ids), não ambas.',
  },
  assignment_lead_one_institution: {
    en: 'A recommendation has one lead institution: assign several institutions as co-responsible.',
    es: 'Una recomendación tiene una sola institución responsable principal: asigne varias instituciones como corresponsables.',
    fr: 'Une recommandation a une seule institution cheffe de file : attribuez plusieurs institutions comme coresponsables.',
    pt: 'Uma recomendação tem uma só instituição responsável principal: atribua várias instituições como corresponsáveis.',
  },
  assignment_ids_or_search: {
    en: 'Give either the recommendations (recommendation_ids) or a search, not both.', es: 'Indique las recomendaciones (recommendation_ids) o una búsqueda, no ambas.',
    fr: 'Indiquez soit les recommandations (recommendation_ids), soit une recherche, pas les deux.', pt: 'Indique as recomendações (recommendation_ids) ou uma pesquisa, não ambas.',
  },
  assignment_nothing_matches: {
    en: 'No recommendation matches; nothing was assigned.', es: 'Ninguna recomendación coincide; no se asignó nada.',
    fr: "Aucune recommandation ne correspond ; rien n'a été attribué.", pt: 'Nenhuma recomendação corresponde; nada foi atribuído.',
  },
  assignment_too_many: {
    en: 'The search matches {count} recommendations; at most {max} can be assigned at once. Narrow the search.',
    es: 'La búsqueda coincide con {count} recomendaciones; se pueden asignar como máximo {max} a la vez. Acote la búsqueda.',
    fr: 'La recherche correspond à {count} recommandations ; au plus {max} peuvent être attribuées à la fois. Affinez la recherche.',
    pt: 'A pesquisa corresponde a {count} recomendações; no máximo {max} podem ser atribuídas de uma vez. Refine a pesquisa.',
  },
  assignment_unknown_recommendations: {
    en: '{count} of the listed recommendations do not exist; nothing was assigned.', es: '{count} de las recomendaciones indicadas no existen; no se asignó nada.',
    fr: "{count} des recommandations indiquées n'existent pas ; rien n'a été attribué.", pt: '{count} das recomendações indicadas não existem; nada foi atribuído.',
  },
  assignment_unknown_recommendations_one: {
    en: 'One of the listed recommendations does not exist; nothing was assigned.', es: 'Una de las recomendaciones indicadas no existe; no se asignó nada.',
    fr: "Une des recommandations indiquées n'existe pas ; rien n'a été attribué.", pt: 'Uma das recomendações indicadas não existe; nada foi atribuído.',
  },
  assignment_lead_taken_one: {
    en: 'One of these recommendations already has another lead institution; make it co-responsible or change the lead first. Nothing was assigned.',
    es: 'Una de estas recomendaciones ya tiene otra institución responsable principal; asígnela como corresponsable o cambie primero la principal. No se asignó nada.',
    fr: "Une de ces recommandations a déjà une autre institution chef de file ; attribuez-la comme coresponsable ou changez d'abord le chef de file. Rien n'a été attribué.",
    pt: 'Uma destas recomendações já tem outra instituição responsável principal; atribua-a como corresponsável ou mude primeiro a principal. Nada foi atribuído.',
  },
  assignment_lead_taken: {
    en: '{count} of these recommendations already have another lead institution; make it co-responsible or change the lead first. Nothing was assigned.',
    es: '{count} de estas recomendaciones ya tienen otra institución responsable principal; asígnela como corresponsable o cambie primero la principal. No se asignó nada.',
    fr: "{count} de ces recommandations ont déjà une autre institution chef de file ; attribuez-la comme coresponsable ou changez d'abord le chef de file. Rien n'a été attribué.",
    pt: '{count} destas recomendações já têm outra instituição responsável principal; atribua-a como corresponsável ou mude primeiro a principal. Nada foi atribuído.',
  },
  bad_request: {
    en: 'The request is not valid.', es: 'La solicitud no es válida.', fr: "La requête n'est pas valide.", pt: 'A solicitação não é válida.',
  },
  input_unreadable: {
    en: 'The request contains a character that cannot be read (a null character or half of a Unicode character) in {param}. Remove it and try again.',
    es: 'La solicitud contiene un carácter ilegible (un carácter nulo o la mitad de un carácter Unicode) en {param}. Elimínelo y vuelva a intentarlo.',
    fr: 'La requête contient un caractère illisible (un caractère nul ou la moitié d’un caractère Unicode) dans {param}. Supprimez-le et réessayez.',
    pt: 'A solicitação contém um caractere ilegível (um caractere nulo ou metade de um caractere Unicode) em {param}. Remova-o e tente novamente.',
  },
  url_malformed: {
    en: 'The address is malformed: a percent sign (%) must be followed by the code of a valid UTF-8 character.',
    es: 'La dirección está mal formada: un signo de porcentaje (%) debe ir seguido del código de un carácter UTF-8 válido.',
    fr: 'L’adresse est mal formée : un signe pourcentage (%) doit être suivi du code d’un caractère UTF-8 valide.',
    pt: 'O endereço está malformado: um sinal de porcentagem (%) deve ser seguido do código de um caractere UTF-8 válido.',
  },
  url_too_long: {
    en: 'A part of the address is too long.', es: 'Una parte de la dirección es demasiado larga.',
    fr: 'Une partie de l’adresse est trop longue.', pt: 'Uma parte do endereço é longa demais.',
  },
  login_failed: {
    en: 'The email address or the password is not correct.',
    es: 'La dirección de correo o la contraseña no son correctas.',
    fr: "L'adresse électronique ou le mot de passe est incorrect.",
    pt: 'O endereço de e-mail ou a senha não estão corretos.',
  },
  login_locked: {
    en: 'Too many failed sign-in attempts. Try again in {minutes} minutes, or reset your password.',
    es: 'Demasiados intentos fallidos de inicio de sesión. Vuelva a intentarlo dentro de {minutes} minutos o restablezca su contraseña.',
    fr: 'Trop de tentatives de connexion infructueuses. Réessayez dans {minutes} minutes ou réinitialisez votre mot de passe.',
    pt: 'Demasiadas tentativas de entrada sem sucesso. Tente novamente dentro de {minutes} minutos ou redefina a sua senha.',
  },
  password_sign_in_off: {
    en: 'On this instance, staff sign in with the single sign-on button, not with a password.',
    es: 'En esta instancia, el personal inicia sesión con el botón de inicio de sesión único, no con una contraseña.',
    fr: 'Sur cette instance, le personnel se connecte avec le bouton d’authentification unique, pas avec un mot de passe.',
    pt: 'Nesta instância, a equipa entra com o botão de início de sessão único, não com uma senha.',
  },
  oidc_page_title: {
    en: 'Sign-in refused', es: 'Inicio de sesión rechazado', fr: 'Connexion refusée', pt: 'Entrada recusada',
  },
  oidc_back_to_sign_in: {
    en: 'Back to the sign-in page', es: 'Volver a la página de inicio de sesión', fr: 'Retour à la page de connexion', pt: 'Voltar à página de entrada',
  },
  oidc_not_configured: {
    en: 'Single sign-on is not set up on this instance.',
    es: 'El inicio de sesión único no está configurado en esta instancia.',
    fr: 'L’authentification unique n’est pas configurée sur cette instance.',
    pt: 'O início de sessão único não está configurado nesta instância.',
  },
  oidc_state_mismatch: {
    en: 'This sign-in was not started from this browser, or it was altered. Start again from the sign-in page.',
    es: 'Este inicio de sesión no se inició desde este navegador o fue alterado. Vuelva a empezar desde la página de inicio de sesión.',
    fr: 'Cette connexion n’a pas été lancée depuis ce navigateur, ou elle a été modifiée. Recommencez depuis la page de connexion.',
    pt: 'Esta entrada não foi iniciada neste navegador ou foi alterada. Recomece a partir da página de entrada.',
  },
  oidc_request_expired: {
    en: 'This sign-in has expired or was already used. Start again from the sign-in page.',
    es: 'Este inicio de sesión ha caducado o ya se utilizó. Vuelva a empezar desde la página de inicio de sesión.',
    fr: 'Cette connexion a expiré ou a déjà été utilisée. Recommencez depuis la page de connexion.',
    pt: 'Esta entrada expirou ou já foi utilizada. Recomece a partir da página de entrada.',
  },
  oidc_provider_refused: {
    en: 'The identity provider did not confirm who you are (the sign-in was cancelled or refused there).',
    es: 'El proveedor de identidad no confirmó quién es usted (el inicio de sesión se canceló o se rechazó allí).',
    fr: 'Le fournisseur d’identité n’a pas confirmé votre identité (la connexion y a été annulée ou refusée).',
    pt: 'O fornecedor de identidade não confirmou quem é (a entrada foi cancelada ou recusada lá).',
  },
  oidc_answer_refused: {
    en: 'The answer of the identity provider could not be accepted: it is expired, was already used or does not belong to this sign-in. Start again from the sign-in page.',
    es: 'No se pudo aceptar la respuesta del proveedor de identidad: caducó, ya se utilizó o no corresponde a este inicio de sesión. Vuelva a empezar desde la página de inicio de sesión.',
    fr: 'La réponse du fournisseur d’identité n’a pas pu être acceptée : elle a expiré, a déjà servi ou ne correspond pas à cette connexion. Recommencez depuis la page de connexion.',
    pt: 'Não foi possível aceitar a resposta do fornecedor de identidade: expirou, já foi utilizada ou não pertence a esta entrada. Recomece a partir da página de entrada.',
  },
  oidc_email_unverified: {
    en: 'The identity provider has not verified your email address, so it cannot be matched to an account here. Verify it with the provider, or ask an administrator.',
    es: 'El proveedor de identidad no ha verificado su dirección de correo, por lo que no se puede asociar a una cuenta aquí. Verifíquela con el proveedor o consulte a un administrador.',
    fr: 'Le fournisseur d’identité n’a pas vérifié votre adresse électronique : elle ne peut donc pas être rattachée à un compte ici. Faites-la vérifier par le fournisseur ou adressez-vous à un administrateur.',
    pt: 'O fornecedor de identidade não verificou o seu endereço de e-mail, por isso não pode ser associado a uma conta aqui. Verifique-o junto do fornecedor ou fale com um administrador.',
  },
  oidc_unknown_person: {
    en: 'No active account of this instance has your email address. An administrator must invite you first.',
    es: 'Ninguna cuenta activa de esta instancia tiene su dirección de correo. Un administrador debe invitarle primero.',
    fr: 'Aucun compte actif de cette instance n’a votre adresse électronique. Un administrateur doit d’abord vous inviter.',
    pt: 'Nenhuma conta ativa desta instância tem o seu endereço de e-mail. Um administrador tem de o convidar primeiro.',
  },
  oidc_unreachable: {
    en: 'The identity provider cannot be reached at the moment. Try again in a few minutes.',
    es: 'No se puede contactar con el proveedor de identidad en este momento. Vuelva a intentarlo en unos minutos.',
    fr: 'Le fournisseur d’identité est injoignable pour le moment. Réessayez dans quelques minutes.',
    pt: 'Não é possível contactar o fornecedor de identidade neste momento. Tente novamente dentro de alguns minutos.',
  },
  second_factor_failed: {
    en: 'The code is not correct, or it was already used. Type the current code of your authenticator app, or one of your recovery codes.',
    es: 'El código no es correcto o ya se utilizó. Escriba el código actual de su aplicación de autenticación o uno de sus códigos de recuperación.',
    fr: 'Le code est incorrect ou a déjà été utilisé. Saisissez le code actuel de votre application d’authentification ou l’un de vos codes de récupération.',
    pt: 'O código não está correto ou já foi utilizado. Escreva o código atual da sua aplicação de autenticação ou um dos seus códigos de recuperação.',
  },
  second_factor_expired: {
    en: 'This sign-in has expired. Sign in again.',
    es: 'Este inicio de sesión ha caducado. Vuelva a iniciar sesión.',
    fr: 'Cette connexion a expiré. Connectez-vous à nouveau.',
    pt: 'Esta entrada expirou. Entre novamente.',
  },
  second_factor_setup_required: {
    en: 'This instance requires a second factor for your role. Set it up on your account page before anything else.',
    es: 'Esta instancia exige un segundo factor para su rol. Configúrelo en la página de su cuenta antes de hacer cualquier otra cosa.',
    fr: 'Cette instance exige un second facteur pour votre rôle. Configurez-le sur la page de votre compte avant toute autre chose.',
    pt: 'Esta instância exige um segundo fator para a sua função. Configure-o na página da sua conta antes de qualquer outra coisa.',
  },
  second_factor_already_on: {
    en: 'The second factor is already on for this account.',
    es: 'El segundo factor ya está activado para esta cuenta.',
    fr: 'Le second facteur est déjà activé pour ce compte.',
    pt: 'O segundo fator já está ativado para esta conta.',
  },
  second_factor_no_setup: {
    en: 'Start the setup of the second factor first.',
    es: 'Primero inicie la configuración del segundo factor.',
    fr: 'Commencez d’abord la configuration du second facteur.',
    pt: 'Primeiro inicie a configuração do segundo fator.',
  },
  auth_unavailable: {
    en: 'Signing in is temporarily unavailable. Please try again in a few minutes.',
    es: 'El inicio de sesión no está disponible por el momento. Vuelva a intentarlo en unos minutos.',
    fr: 'La connexion est momentanément indisponible. Veuillez réessayer dans quelques minutes.',
    pt: 'A entrada está temporariamente indisponível. Tente novamente dentro de alguns minutos.',
  },
  reset_throttled: {
    en: 'Too many password reset requests from this connection. Try again in {minutes} minutes.',
    es: 'Demasiadas solicitudes de restablecimiento de contraseña desde esta conexión. Vuelva a intentarlo dentro de {minutes} minutos.',
    fr: 'Trop de demandes de réinitialisation du mot de passe depuis cette connexion. Réessayez dans {minutes} minutes.',
    pt: 'Demasiados pedidos de redefinição de senha a partir desta conexão. Tente novamente dentro de {minutes} minutos.',
  },
  reset_token_invalid: {
    en: 'This password reset link is not valid: it has expired or was already used. Please request a new one.',
    es: 'Este enlace para restablecer la contraseña no es válido: caducó o ya se utilizó. Solicite uno nuevo.',
    fr: "Ce lien de réinitialisation du mot de passe n'est pas valide : il a expiré ou a déjà été utilisé. Veuillez en demander un nouveau.",
    pt: 'Este link de redefinição de senha não é válido: expirou ou já foi utilizado. Peça um novo.',
  },
  password_too_short: {
    en: 'The password must have at least {min} characters.',
    es: 'La contraseña debe tener al menos {min} caracteres.',
    fr: 'Le mot de passe doit comporter au moins {min} caractères.',
    pt: 'A senha deve ter pelo menos {min} caracteres.',
  },
  password_too_long: {
    en: 'The password may have at most {max} characters.',
    es: 'La contraseña puede tener como máximo {max} caracteres.',
    fr: 'Le mot de passe peut comporter au plus {max} caractères.',
    pt: 'A senha pode ter no máximo {max} caracteres.',
  },
  password_is_email: {
    en: 'The password must not be your email address.',
    es: 'La contraseña no puede ser su dirección de correo.',
    fr: 'Le mot de passe ne doit pas être votre adresse électronique.',
    pt: 'A senha não pode ser o seu endereço de e-mail.',
  },
  email_taken: {
    en: 'There is already an account with this email address.',
    es: 'Ya existe una cuenta con esta dirección de correo.',
    fr: 'Un compte existe déjà avec cette adresse électronique.',
    pt: 'Já existe uma conta com este endereço de e-mail.',
  },
  mail_password_reset_subject: {
    en: 'Reset your Open NMIRF password',
    es: 'Restablezca su contraseña de Open NMIRF',
    fr: 'Réinitialisez votre mot de passe Open NMIRF',
    pt: 'Redefina a sua senha do Open NMIRF',
  },
  mail_password_reset_body: {
    en: 'Hello {name},\n\nSomeone (hopefully you) asked to reset the password of your account. To choose a new password, open this link within {minutes} minutes:\n\n{link}\n\nThe link works only once. If you did not ask for this, ignore this message: your password stays as it is.',
    es: 'Hola, {name}:\n\nAlguien (esperamos que usted) pidió restablecer la contraseña de su cuenta. Para elegir una nueva contraseña, abra este enlace en los próximos {minutes} minutos:\n\n{link}\n\nEl enlace solo funciona una vez. Si no lo pidió, ignore este mensaje: su contraseña no cambia.',
    fr: "Bonjour {name},\n\nQuelqu'un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte. Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {minutes} minutes :\n\n{link}\n\nLe lien ne fonctionne qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
    pt: 'Olá, {name}:\n\nAlguém (esperamos que tenha sido você) pediu para redefinir a senha da sua conta. Para escolher uma nova senha, abra este link nos próximos {minutes} minutos:\n\n{link}\n\nO link só funciona uma vez. Se não foi você que pediu, ignore esta mensagem: a sua senha continua a mesma.',
  },
  mail_invitation_subject: {
    en: 'Your Open NMIRF account', es: 'Su cuenta en Open NMIRF', fr: 'Votre compte Open NMIRF', pt: 'Sua conta no Open NMIRF',
  },
  mail_invitation_body: {
    en: 'Hello {name},\n\n{inviter} created an account for you ({email}) on the recommendation follow-up system. To choose your password, open this link within {days} days:\n\n{link}\n\nThe link works only once.',
    es: 'Hola, {name}:\n\n{inviter} creó una cuenta para usted ({email}) en el sistema de seguimiento de recomendaciones. Para elegir su contraseña, abra este enlace en los próximos {days} días:\n\n{link}\n\nEl enlace solo funciona una vez.',
    fr: 'Bonjour {name},\n\n{inviter} a créé un compte pour vous ({email}) dans le système de suivi des recommandations. Pour choisir votre mot de passe, ouvrez ce lien dans les {days} jours :\n\n{link}\n\nLe lien ne fonctionne qu\'une fois.',
    pt: 'Olá, {name}:\n\n{inviter} criou uma conta para você ({email}) no sistema de acompanhamento de recomendações. Para escolher sua senha, abra este link nos próximos {days} dias:\n\n{link}\n\nO link só funciona uma vez.',
  },
  plan_not_found: {
    en: 'There is no implementation plan with this identifier.',
    es: 'No hay ningún plan de implementación con este identificador.',
    fr: "Aucun plan de mise en œuvre ne porte cet identifiant.",
    pt: 'Não há nenhum plano de implementação com este identificador.',
  },
  plan_revision_reason_required: {
    en: 'This plan has been adopted: every change is a revision of the plan; say why in the reason of the revision.',
    es: 'Este plan ya fue adoptado: cada cambio es una revisión del plan; indique el motivo de la revisión.',
    fr: 'Ce plan a été adopté : chaque modification est une révision du plan ; indiquez le motif de la révision.',
    pt: 'Este plano já foi adotado: cada alteração é uma revisão do plano; indique o motivo da revisão.',
  },
  plan_closed: {
    en: 'This plan is closed; reopen it before adding or accepting activities.',
    es: 'Este plan está cerrado; reábralo antes de añadir o aceptar actividades.',
    fr: 'Ce plan est clos ; rouvrez-le avant d’ajouter ou d’accepter des activités.',
    pt: 'Este plano está encerrado; reabra-o antes de adicionar ou aceitar atividades.',
  },
  plan_status_not_allowed: {
    en: 'A plan cannot go from {from} to {to}: a draft is adopted, an adopted plan is closed, a closed plan is reopened.',
    es: 'Un plan no puede pasar de {from} a {to}: un borrador se adopta, un plan adoptado se cierra, un plan cerrado se reabre.',
    fr: 'Un plan ne peut pas passer de {from} à {to} : un brouillon est adopté, un plan adopté est clos, un plan clos est rouvert.',
    pt: 'Um plano não pode passar de {from} para {to}: um rascunho é adotado, um plano adotado é encerrado, um plano encerrado é reaberto.',
  },
  plan_adoption_date_required: {
    en: 'An adopted plan needs its adoption date.',
    es: 'Un plan adoptado necesita su fecha de adopción.',
    fr: 'Un plan adopté doit avoir sa date d’adoption.',
    pt: 'Um plano adotado precisa da data de adoção.',
  },
  plan_not_draft: {
    en: 'Only a draft plan can be deleted; an adopted plan is closed instead.',
    es: 'Solo se puede eliminar un plan en borrador; un plan adoptado se cierra.',
    fr: 'Seul un plan à l’état de brouillon peut être supprimé ; un plan adopté est clos.',
    pt: 'Só um plano em rascunho pode ser excluído; um plano adotado é encerrado.',
  },
  plan_title_original_language: {
    en: 'The title must be given in the original language of the plan.',
    es: 'El título debe figurar en el idioma original del plan.',
    fr: "Le titre doit être donné dans la langue d'origine du plan.",
    pt: 'O título deve ser informado no idioma original do plano.',
  },
  plan_period_order: {
    en: 'The end of the plan’s period cannot be before its start.',
    es: 'El fin del período del plan no puede ser anterior a su inicio.',
    fr: 'La fin de la période du plan ne peut pas précéder son début.',
    pt: 'O fim do período do plano não pode ser anterior ao início.',
  },
  plan_objective_parent_unknown: {
    en: 'The parent objective is not in this plan.',
    es: 'El objetivo superior no pertenece a este plan.',
    fr: 'L’objectif parent n’appartient pas à ce plan.',
    pt: 'O objetivo superior não pertence a este plano.',
  },
  plan_objective_level_order: {
    en: 'An objective sits below the level of its parent and above its own: strategic axis, then objective, then result.',
    es: 'Un objetivo va por debajo del nivel de su superior y por encima de los suyos: eje estratégico, luego objetivo, luego resultado.',
    fr: 'Un objectif se place sous le niveau de son parent et au-dessus des siens : axe stratégique, puis objectif, puis résultat.',
    pt: 'Um objetivo fica abaixo do nível do seu superior e acima dos seus: eixo estratégico, depois objetivo, depois resultado.',
  },
  plan_objective_cycle: {
    en: 'An objective cannot be placed under itself or under one of its own results.',
    es: 'Un objetivo no puede colocarse bajo sí mismo ni bajo uno de sus propios resultados.',
    fr: 'Un objectif ne peut pas être placé sous lui-même ni sous l’un de ses propres résultats.',
    pt: 'Um objetivo não pode ser colocado sob si mesmo nem sob um dos seus próprios resultados.',
  },
  plan_objective_unknown: {
    en: 'The objective is not in this plan.',
    es: 'El objetivo no pertenece a este plan.',
    fr: 'L’objectif n’appartient pas à ce plan.',
    pt: 'O objetivo não pertence a este plano.',
  },
  plan_activity_title_original_language: {
    en: 'The title must be given in the original language of the activity.',
    es: 'El título debe figurar en el idioma original de la actividad.',
    fr: "Le titre doit être donné dans la langue d'origine de l'activité.",
    pt: 'O título deve ser informado no idioma original da atividade.',
  },
  plan_activity_dates_order: {
    en: 'The end date cannot be before the start date.',
    es: 'La fecha de fin no puede ser anterior a la fecha de inicio.',
    fr: 'La date de fin ne peut pas précéder la date de début.',
    pt: 'A data de término não pode ser anterior à data de início.',
  },
  plan_unknown_recommendations: {
    en: 'These recommendations do not exist: {values}.',
    es: 'Estas recomendaciones no existen: {values}.',
    fr: 'Ces recommandations n’existent pas : {values}.',
    pt: 'Estas recomendações não existem: {values}.',
  },
  plan_unknown_institutions: {
    en: 'These institutions do not exist: {values}.',
    es: 'Estas instituciones no existen: {values}.',
    fr: 'Ces institutions n’existent pas : {values}.',
    pt: 'Estas instituições não existem: {values}.',
  },
  plan_unknown_sdg_targets: {
    en: 'These SDG targets do not exist: {values}.',
    es: 'Estas metas de los ODS no existen: {values}.',
    fr: 'Ces cibles des ODD n’existent pas : {values}.',
    pt: 'Estas metas dos ODS não existem: {values}.',
  },
  plan_unknown_indicators: {
    en: 'These indicators do not exist: {values}.',
    es: 'Estos indicadores no existen: {values}.',
    fr: 'Ces indicateurs n’existent pas : {values}.',
    pt: 'Estes indicadores não existem: {values}.',
  },
  plan_activity_is_proposal: {
    en: 'This activity is a proposal on its way through validation; it changes through its own steps until it is accepted.',
    es: 'Esta actividad es una propuesta en proceso de validación; cambia por sus propios pasos hasta que sea aceptada.',
    fr: 'Cette activité est une proposition en cours de validation ; elle change par ses propres étapes jusqu’à son acceptation.',
    pt: 'Esta atividade é uma proposta em validação; ela muda pelas próprias etapas até ser aceita.',
  },
  plan_proposal_not_editable: {
    en: 'This proposal is with its reviewers and cannot be changed now; it can be edited again if it is returned.',
    es: 'Esta propuesta está en revisión y no se puede modificar ahora; podrá editarse de nuevo si se devuelve.',
    fr: "Cette proposition est en cours de relecture et ne peut pas être modifiée maintenant ; elle pourra l'être de nouveau si elle est renvoyée.",
    pt: 'Esta proposta está em revisão e não pode ser alterada agora; poderá ser editada de novo se for devolvida.',
  },
  plan_activity_has_actions: {
    en: 'Action reports say they carry out this activity; it cannot be removed.',
    es: 'Hay informes de acción que dicen ejecutar esta actividad; no se puede eliminar.',
    fr: 'Des rapports d’action indiquent réaliser cette activité ; elle ne peut pas être supprimée.',
    pt: 'Há relatórios de ação que dizem executar esta atividade; ela não pode ser excluída.',
  },
  action_plan_activity_not_institution: {
    en: 'The institution of the report neither leads nor shares this activity of a plan (or it is only a proposal).',
    es: 'La institución del informe no dirige ni comparte esta actividad de un plan (o es solo una propuesta).',
    fr: 'L’institution du rapport ne dirige ni ne partage cette activité d’un plan (ou ce n’est qu’une proposition).',
    pt: 'A instituição do relatório não lidera nem compartilha esta atividade de um plano (ou é apenas uma proposta).',
  },
  action_completes_without_activity: {
    en: 'Say which planned activity the action completes.',
    es: 'Indique qué actividad planificada completa la acción.',
    fr: 'Indiquez quelle activité planifiée l’action achève.',
    pt: 'Indique qual atividade planejada a ação conclui.',
  },
  plan_import_not_draft: {
    en: 'A spreadsheet fills a draft plan; an adopted plan changes through revisions.',
    es: 'Una hoja de cálculo completa un plan en borrador; un plan adoptado cambia mediante revisiones.',
    fr: 'Un tableur remplit un plan à l’état de brouillon ; un plan adopté change par des révisions.',
    pt: 'Uma planilha preenche um plano em rascunho; um plano adotado muda por meio de revisões.',
  },
  plan_import_empty: {
    en: 'The file is empty.', es: 'El archivo está vacío.', fr: 'Le fichier est vide.', pt: 'O arquivo está vazio.',
  },
  plan_import_missing_columns: {
    en: 'The first row must name the columns; missing: {columns}. Columns read: {expected}.',
    es: 'La primera fila debe nombrar las columnas; faltan: {columns}. Columnas que se leen: {expected}.',
    fr: 'La première ligne doit nommer les colonnes ; il manque : {columns}. Colonnes lues : {expected}.',
    pt: 'A primeira linha deve nomear as colunas; faltam: {columns}. Colunas lidas: {expected}.',
  },
  plan_import_required: {
    en: 'this cell is required', es: 'esta celda es obligatoria', fr: 'cette cellule est obligatoire', pt: 'esta célula é obrigatória',
  },
  plan_import_path_blank: {
    en: 'a level of the path is empty (levels are separated by " > ")',
    es: 'un nivel de la ruta está vacío (los niveles se separan con " > ")',
    fr: 'un niveau du chemin est vide (les niveaux sont séparés par « > »)',
    pt: 'um nível do caminho está vazio (os níveis são separados por " > ")',
  },
  plan_import_path_deep: {
    en: 'at most {max} levels: strategic axis > objective > result',
    es: 'como máximo {max} niveles: eje estratégico > objetivo > resultado',
    fr: 'au plus {max} niveaux : axe stratégique > objectif > résultat',
    pt: 'no máximo {max} níveis: eixo estratégico > objetivo > resultado',
  },
  plan_import_unknown_institution: {
    en: 'no institution has the name or acronym "{value}"',
    es: 'ninguna institución tiene el nombre o la sigla «{value}»',
    fr: 'aucune institution n’a le nom ou le sigle « {value} »',
    pt: 'nenhuma instituição tem o nome ou a sigla "{value}"',
  },
  plan_import_date: {
    en: '"{value}" is not a date written YYYY-MM-DD',
    es: '«{value}» no es una fecha con el formato AAAA-MM-DD',
    fr: '« {value} » n’est pas une date au format AAAA-MM-JJ',
    pt: '"{value}" não é uma data no formato AAAA-MM-DD',
  },
  plan_import_amount: {
    en: '"{value}" is not an amount (a number with at most two decimals, without separators of thousands)',
    es: '«{value}» no es un monto (un número con dos decimales como máximo, sin separadores de miles)',
    fr: '« {value} » n’est pas un montant (un nombre d’au plus deux décimales, sans séparateur de milliers)',
    pt: '"{value}" não é um valor (um número com no máximo duas casas decimais, sem separadores de milhar)',
  },
  plan_import_currency: {
    en: '"{value}" is not a currency code such as PYG or USD',
    es: '«{value}» no es un código de moneda como PYG o USD',
    fr: '« {value} » n’est pas un code de devise comme PYG ou USD',
    pt: '"{value}" não é um código de moeda como PYG ou USD',
  },
  plan_import_unknown_recommendation: {
    en: 'no recommendation has the symbol and paragraph "{value}" (write them as: A/HRC/48/9 110.25)',
    es: 'ninguna recomendación tiene la signatura y el párrafo «{value}» (escríbalos así: A/HRC/48/9 110.25)',
    fr: 'aucune recommandation n’a la cote et le paragraphe « {value} » (écrivez-les ainsi : A/HRC/48/9 110.25)',
    pt: 'nenhuma recomendação tem a cota e o parágrafo "{value}" (escreva-os assim: A/HRC/48/9 110.25)',
  },
  plan_import_unknown_sdg: {
    en: 'unknown SDG targets: {values}', es: 'metas de los ODS desconocidas: {values}', fr: 'cibles des ODD inconnues : {values}', pt: 'metas dos ODS desconhecidas: {values}',
  },
  action_not_editable: {
    en: 'This report is with its reviewers and cannot be changed now; it can be edited again if it is returned.',
    es: 'Este informe está en revisión y no se puede modificar ahora; podrá editarse de nuevo si se devuelve.',
    fr: "Ce rapport est en cours de relecture et ne peut pas être modifié maintenant ; il pourra l'être de nouveau s'il est renvoyé.",
    pt: 'Este relatório está em revisão e não pode ser alterado agora; poderá ser editado de novo se for devolvido.',
  },
  action_recommendations_not_assigned: {
    en: '{count} of the recommendations are not assigned to this institution; an action can only answer recommendations assigned to it.',
    es: '{count} de las recomendaciones no están asignadas a esta institución; una acción solo puede responder a recomendaciones asignadas a ella.',
    fr: "{count} des recommandations ne sont pas attribuées à cette institution ; une action ne peut répondre qu'aux recommandations qui lui sont attribuées.",
    pt: '{count} das recomendações não estão atribuídas a esta instituição; uma ação só pode responder a recomendações atribuídas a ela.',
  },
  action_title_original_language: {
    en: 'The title must be given in the original language of the report.',
    es: 'El título debe figurar en el idioma original del informe.',
    fr: "Le titre doit être donné dans la langue d'origine du rapport.",
    pt: 'O título deve ser informado no idioma original do relatório.',
  },
  action_dates_order: {
    en: 'The end date cannot be before the start date.',
    es: 'La fecha de fin no puede ser anterior a la fecha de inicio.',
    fr: 'La date de fin ne peut pas précéder la date de début.',
    pt: 'A data de término não pode ser anterior à data de início.',
  },
  transition_not_allowed_from_state: {
    en: 'This step is not possible while the report is in its current state; reload it to see where it is.',
    es: 'Este paso no es posible en el estado actual del informe; recárguelo para ver dónde está.',
    fr: "Cette étape n'est pas possible dans l'état actuel du rapport ; rechargez-le pour voir où il en est.",
    pt: 'Esta etapa não é possível no estado atual do relatório; recarregue-o para ver onde ele está.',
  },
  comment_required: {
    en: 'Please say why you return the report, so that its authors can fix it.',
    es: 'Indique por qué devuelve el informe, para que sus autores puedan corregirlo.',
    fr: 'Veuillez indiquer pourquoi vous renvoyez le rapport, afin que ses auteurs puissent le corriger.',
    pt: 'Indique por que devolve o relatório, para que os autores possam corrigi-lo.',
  },
  comment_too_long: {
    en: 'The comment is too long (at most {max} characters).',
    es: 'El comentario es demasiado largo (máximo {max} caracteres).',
    fr: 'Le commentaire est trop long ({max} caractères au plus).',
    pt: 'O comentário é longo demais (no máximo {max} caracteres).',
  },
  file_missing: {
    en: 'Attach a file.', es: 'Adjunte un archivo.', fr: 'Joignez un fichier.', pt: 'Anexe um arquivo.',
  },
  upload_malformed: {
    en: 'The upload could not be read: the form data is malformed or incomplete. Choose the file and send it again.',
    es: 'No se pudo leer el envío: los datos del formulario están mal formados o incompletos. Elija el archivo y envíelo de nuevo.',
    fr: 'L’envoi n’a pas pu être lu : les données du formulaire sont mal formées ou incomplètes. Choisissez le fichier et envoyez-le à nouveau.',
    pt: 'Não foi possível ler o envio: os dados do formulário estão malformados ou incompletos. Escolha o arquivo e envie-o novamente.',
  },
  file_empty: {
    en: 'The file is empty.', es: 'El archivo está vacío.', fr: 'Le fichier est vide.', pt: 'O arquivo está vazio.',
  },
  file_type_not_allowed: {
    en: 'This kind of file is not accepted. Accepted: PDF, PNG, JPEG, WebP, Word, Excel, PowerPoint, OpenDocument text or spreadsheet, plain text (.txt) and CSV.',
    es: 'No se acepta este tipo de archivo. Se aceptan: PDF, PNG, JPEG, WebP, Word, Excel, PowerPoint, texto u hoja de cálculo OpenDocument, texto sin formato (.txt) y CSV.',
    fr: "Ce type de fichier n'est pas accepté. Sont acceptés : PDF, PNG, JPEG, WebP, Word, Excel, PowerPoint, texte ou tableur OpenDocument, texte brut (.txt) et CSV.",
    pt: 'Este tipo de arquivo não é aceito. São aceitos: PDF, PNG, JPEG, WebP, Word, Excel, PowerPoint, texto ou planilha OpenDocument, texto simples (.txt) e CSV.',
  },
  file_too_large: {
    en: 'The file is too large (at most {max} MB).',
    es: 'El archivo es demasiado grande (máximo {max} MB).',
    fr: 'Le fichier est trop volumineux ({max} Mo au plus).',
    pt: 'O arquivo é grande demais (no máximo {max} MB).',
  },
  evidence_too_many: {
    en: 'A report can carry at most {max} pieces of evidence.',
    es: 'Un informe puede llevar como máximo {max} elementos de evidencia.',
    fr: 'Un rapport peut comporter au plus {max} éléments de preuve.',
    pt: 'Um relatório pode ter no máximo {max} evidências.',
  },
  assessment_in_future: {
    en: 'The assessment date cannot be in the future.',
    es: 'La fecha de la evaluación no puede ser futura.',
    fr: "La date de l'évaluation ne peut pas être dans le futur.",
    pt: 'A data da avaliação não pode ser futura.',
  },
  status_not_on_scale: {
    en: 'This status is not on the scale. Use one of: {keys}.',
    es: 'Este estado no figura en la escala. Use uno de: {keys}.',
    fr: "Ce statut ne figure pas sur l'échelle. Utilisez l'un de : {keys}.",
    pt: 'Este status não está na escala. Use um destes: {keys}.',
  },
  scale_needs_active_step: {
    en: 'A scale needs at least one step in use.',
    es: 'Una escala necesita al menos un nivel en uso.',
    fr: 'Une échelle doit comporter au moins un niveau en usage.',
    pt: 'Uma escala precisa de pelo menos um nível em uso.',
  },
  scale_step_in_use: {
    en: 'These steps are used by assessments and cannot be removed (retire them instead): {keys}.',
    es: 'Estos niveles se usan en evaluaciones y no se pueden eliminar (desactívelos): {keys}.',
    fr: 'Ces niveaux sont utilisés par des évaluations et ne peuvent pas être supprimés (désactivez-les) : {keys}.',
    pt: 'Estes níveis são usados em avaliações e não podem ser removidos (desative-os): {keys}.',
  },
  mail_round_reminder_subject: {
    en: 'Reminder: "{round}" is due on {due}',
    es: 'Recordatorio: «{round}» vence el {due}',
    fr: 'Rappel : « {round} » arrive à échéance le {due}',
    pt: 'Lembrete: "{round}" vence em {due}',
  },
  mail_round_reminder_body: {
    en: 'Hello {name},\n\nThe reporting round "{round}" is due on {due} ({days} days from now). {institution} has not yet submitted reports on {missing} of its {owed} recommendations in this round.\n\nYour workspace: {link}',
    es: 'Hola, {name}:\n\nLa ronda de informes «{round}» vence el {due} (dentro de {days} días). {institution} aún no ha presentado informes sobre {missing} de sus {owed} recomendaciones de esta ronda.\n\nSu espacio de trabajo: {link}',
    fr: 'Bonjour {name},\n\nLe cycle de rapports « {round} » arrive à échéance le {due} (dans {days} jours). {institution} n\'a pas encore soumis de rapport sur {missing} de ses {owed} recommandations de ce cycle.\n\nVotre espace de travail : {link}',
    pt: 'Olá, {name}:\n\nA rodada de relatórios "{round}" vence em {due} (daqui a {days} dias). {institution} ainda não enviou relatórios sobre {missing} das suas {owed} recomendações desta rodada.\n\nSeu espaço de trabalho: {link}',
  },
  mail_round_overdue_subject: {
    en: 'Overdue: "{round}" was due on {due}',
    es: 'Vencido: «{round}» venció el {due}',
    fr: 'En retard : « {round} » était dû le {due}',
    pt: 'Atrasado: "{round}" venceu em {due}',
  },
  mail_round_overdue_body: {
    en: 'Hello {name},\n\nThe reporting round "{round}" was due on {due}, {days} days ago. {institution} has not submitted reports on {missing} of its {owed} recommendations in this round. Please submit them as soon as possible; the institution\'s validator and then the secretariat will be told if the delay continues.\n\nYour workspace: {link}',
    es: 'Hola, {name}:\n\nLa ronda de informes «{round}» venció el {due}, hace {days} días. {institution} no ha presentado informes sobre {missing} de sus {owed} recomendaciones de esta ronda. Preséntelos lo antes posible; si el retraso continúa, se avisará a la persona validadora de la institución y luego a la secretaría.\n\nSu espacio de trabajo: {link}',
    fr: 'Bonjour {name},\n\nLe cycle de rapports « {round} » était dû le {due}, il y a {days} jours. {institution} n\'a pas soumis de rapport sur {missing} de ses {owed} recommandations de ce cycle. Veuillez les soumettre au plus vite ; si le retard se prolonge, la personne chargée de la validation dans l\'institution puis le secrétariat en seront informés.\n\nVotre espace de travail : {link}',
    pt: 'Olá, {name}:\n\nA rodada de relatórios "{round}" venceu em {due}, há {days} dias. {institution} não enviou relatórios sobre {missing} das suas {owed} recomendações desta rodada. Envie-os o quanto antes; se o atraso continuar, a pessoa validadora da instituição e depois a secretaria serão avisadas.\n\nSeu espaço de trabalho: {link}',
  },
  mail_round_escalation_validator_subject: {
    en: 'Escalation: {institution} is late for "{round}"',
    es: 'Aviso: {institution} está atrasada en «{round}»',
    fr: 'Signalement : {institution} est en retard pour « {round} »',
    pt: 'Alerta: {institution} está atrasada em "{round}"',
  },
  mail_round_escalation_validator_body: {
    en: 'Hello {name},\n\nAs validator for {institution}: the reporting round "{round}" was due on {due}, {days} days ago, and reports on {missing} of the institution\'s {owed} recommendations have not been submitted. The focal points were reminded. The secretariat will be told if the delay continues.\n\nWorkspace: {link}',
    es: 'Hola, {name}:\n\nComo persona validadora de {institution}: la ronda de informes «{round}» venció el {due}, hace {days} días, y no se han presentado informes sobre {missing} de las {owed} recomendaciones de la institución. Ya se recordó a los puntos focales. Si el retraso continúa, se avisará a la secretaría.\n\nEspacio de trabajo: {link}',
    fr: 'Bonjour {name},\n\nEn tant que personne chargée de la validation pour {institution} : le cycle de rapports « {round} » était dû le {due}, il y a {days} jours, et aucun rapport n\'a été soumis sur {missing} des {owed} recommandations de l\'institution. Les points focaux ont été relancés. Le secrétariat sera informé si le retard se prolonge.\n\nEspace de travail : {link}',
    pt: 'Olá, {name}:\n\nComo pessoa validadora de {institution}: a rodada de relatórios "{round}" venceu em {due}, há {days} dias, e não foram enviados relatórios sobre {missing} das {owed} recomendações da instituição. Os pontos focais já foram lembrados. A secretaria será avisada se o atraso continuar.\n\nEspaço de trabalho: {link}',
  },
  mail_round_escalation_secretariat_subject: {
    en: 'Escalation to the secretariat: {institution} is late for "{round}"',
    es: 'Aviso a la secretaría: {institution} está atrasada en «{round}»',
    fr: 'Signalement au secrétariat : {institution} est en retard pour « {round} »',
    pt: 'Alerta à secretaria: {institution} está atrasada em "{round}"',
  },
  mail_round_escalation_secretariat_body: {
    en: 'Hello {name},\n\nThe reporting round "{round}" was due on {due}, {days} days ago. {institution} has not submitted reports on {missing} of its {owed} recommendations, although its focal points and validator were told.\n\nRound dashboard: {link}',
    es: 'Hola, {name}:\n\nLa ronda de informes «{round}» venció el {due}, hace {days} días. {institution} no ha presentado informes sobre {missing} de sus {owed} recomendaciones, aunque se avisó a sus puntos focales y a su persona validadora.\n\nTablero de la ronda: {link}',
    fr: 'Bonjour {name},\n\nLe cycle de rapports « {round} » était dû le {due}, il y a {days} jours. {institution} n\'a pas soumis de rapport sur {missing} de ses {owed} recommandations, bien que ses points focaux et la personne chargée de la validation aient été informés.\n\nTableau de bord du cycle : {link}',
    pt: 'Olá, {name}:\n\nA rodada de relatórios "{round}" venceu em {due}, há {days} dias. {institution} não enviou relatórios sobre {missing} das suas {owed} recomendações, embora seus pontos focais e sua pessoa validadora tenham sido avisados.\n\nPainel da rodada: {link}',
  },
  round_dates_order: {
    en: 'The due date cannot be before the opening date.',
    es: 'La fecha de vencimiento no puede ser anterior a la de apertura.',
    fr: "La date d'échéance ne peut pas précéder la date d'ouverture.",
    pt: 'A data de vencimento não pode ser anterior à de abertura.',
  },
  round_escalation_order: {
    en: 'The secretariat is told after the validator: its number of days must be at least the validator\'s.',
    es: 'La secretaría recibe el aviso después de la persona validadora: su número de días debe ser al menos el de esta.',
    fr: 'Le secrétariat est informé après la personne chargée de la validation : son nombre de jours doit être au moins égal.',
    pt: 'A secretaria é avisada depois da pessoa validadora: o número de dias deve ser pelo menos igual.',
  },
  round_unknown_mechanisms: {
    en: 'Unknown mechanism codes: {codes}.', es: 'Códigos de mecanismo desconocidos: {codes}.',
    fr: 'Codes de mécanisme inconnus : {codes}.', pt: 'Códigos de mecanismo desconhecidos: {codes}.',
  },
  import_file_invalid: {
    en: 'This file cannot be imported: {reason}',
    es: 'Este archivo no se puede importar: {reason}',
    fr: 'Ce fichier ne peut pas être importé : {reason}',
    pt: 'Este arquivo não pode ser importado: {reason}',
  },
  import_issue: {
    en: '{where}, {field}: {reason}',
    es: '{where}, {field}: {reason}',
    fr: '{where}, {field} : {reason}',
    pt: '{where}, {field}: {reason}',
  },
  import_where_line: { en: 'Line {line}', es: 'Línea {line}', fr: 'Ligne {line}', pt: 'Linha {line}' },
  import_where_record: { en: 'Record {record}', es: 'Registro {record}', fr: 'Enregistrement {record}', pt: 'Registro {record}' },
  import_where_record_id: {
    en: 'Record {record} (id {id})', es: 'Registro {record} (id {id})', fr: 'Enregistrement {record} (id {id})', pt: 'Registro {record} (id {id})',
  },
  import_where_row: { en: 'Sheet {sheet}, row {row}', es: 'Hoja {sheet}, fila {row}', fr: 'Feuille {sheet}, ligne {row}', pt: 'Planilha {sheet}, linha {row}' },
  indicator_sdg_unknown: {
    en: '{code} is not an SDG indicator.', es: '{code} no es un indicador de los ODS.', fr: "{code} n'est pas un indicateur des ODD.", pt: '{code} não é um indicador dos ODS.',
  },
  indicator_target_before_baseline: {
    en: 'The target date cannot be before the baseline date.',
    es: 'La fecha de la meta no puede ser anterior a la de la línea de base.',
    fr: "La date de la cible ne peut pas précéder celle de la valeur de référence.",
    pt: 'A data da meta não pode ser anterior à da linha de base.',
  },
  indicator_recommendations_unknown: {
    en: '{count} of the linked recommendations do not exist.', es: '{count} de las recomendaciones vinculadas no existen.',
    fr: "{count} des recommandations liées n'existent pas.", pt: '{count} das recomendações vinculadas não existem.',
  },
  indicator_actions_foreign: {
    en: "{count} of the linked actions are not reports of the indicator's institution.",
    es: '{count} de las acciones vinculadas no son informes de la institución del indicador.',
    fr: "{count} des actions liées ne sont pas des rapports de l'institution de l'indicateur.",
    pt: '{count} das ações vinculadas não são relatórios da instituição do indicador.',
  },
  measurement_breakdown_invalid: {
    en: 'The indicator is not broken down by {dimensions}. Its dimensions: {allowed}.',
    es: 'El indicador no se desglosa por {dimensions}. Sus dimensiones: {allowed}.',
    fr: "L'indicateur n'est pas ventilé par {dimensions}. Ses dimensions : {allowed}.",
    pt: 'O indicador não é desagregado por {dimensions}. Suas dimensões: {allowed}.',
  },
  mail_action_submit_subject: {
    en: "A report awaits your validation: \"{title}\"",
    es: "Un informe espera su validación: «{title}»",
    fr: "Un rapport attend votre validation : « {title} »",
    pt: "Um relatório aguarda sua validação: \"{title}\"",
  },
  mail_action_submit_body: {
    en: "Hello {name},\n\n{by} submitted the report \"{title}\" for validation.\n\nOpen it to validate it or return it with comments: {link}",
    es: "Hola, {name}:\n\n{by} presentó el informe «{title}» para su validación.\n\nÁbralo para validarlo o devolverlo con comentarios: {link}",
    fr: "Bonjour {name},\n\n{by} a soumis le rapport « {title} » pour validation.\n\nOuvrez-le pour le valider ou le renvoyer avec des commentaires : {link}",
    pt: "Olá, {name}:\n\n{by} enviou o relatório \"{title}\" para validação.\n\nAbra-o para validá-lo ou devolvê-lo com comentários: {link}",
  },
  mail_action_return_to_author_subject: {
    en: "Your report was returned with comments: \"{title}\"",
    es: "Su informe fue devuelto con comentarios: «{title}»",
    fr: "Votre rapport a été renvoyé avec des commentaires : « {title} »",
    pt: "Seu relatório foi devolvido com comentários: \"{title}\"",
  },
  mail_action_return_to_author_body: {
    en: "Hello {name},\n\n{by} returned the report \"{title}\" with these comments:\n\n{comment}\n\nFix it and submit it again: {link}",
    es: "Hola, {name}:\n\n{by} devolvió el informe «{title}» con estos comentarios:\n\n{comment}\n\nCorríjalo y vuelva a presentarlo: {link}",
    fr: "Bonjour {name},\n\n{by} a renvoyé le rapport « {title} » avec ces commentaires :\n\n{comment}\n\nCorrigez-le et soumettez-le à nouveau : {link}",
    pt: "Olá, {name}:\n\n{by} devolveu o relatório \"{title}\" com estes comentários:\n\n{comment}\n\nCorrija-o e envie-o novamente: {link}",
  },
  mail_action_validate_subject: {
    en: "A validated report awaits publication: \"{title}\"",
    es: "Un informe validado espera su publicación: «{title}»",
    fr: "Un rapport validé attend sa publication : « {title} »",
    pt: "Um relatório validado aguarda publicação: \"{title}\"",
  },
  mail_action_validate_body: {
    en: "Hello {name},\n\n{by} validated the report \"{title}\".\n\nOpen it to publish it or return it to the institution with comments: {link}",
    es: "Hola, {name}:\n\n{by} validó el informe «{title}».\n\nÁbralo para publicarlo o devolverlo a la institución con comentarios: {link}",
    fr: "Bonjour {name},\n\n{by} a validé le rapport « {title} ».\n\nOuvrez-le pour le publier ou le renvoyer à l'institution avec des commentaires : {link}",
    pt: "Olá, {name}:\n\n{by} validou o relatório \"{title}\".\n\nAbra-o para publicá-lo ou devolvê-lo à instituição com comentários: {link}",
  },
  mail_action_return_to_institution_subject: {
    en: "The secretariat returned a report with comments: \"{title}\"",
    es: "La secretaría devolvió un informe con comentarios: «{title}»",
    fr: "Le secrétariat a renvoyé un rapport avec des commentaires : « {title} »",
    pt: "A secretaria devolveu um relatório com comentários: \"{title}\"",
  },
  mail_action_return_to_institution_body: {
    en: "Hello {name},\n\n{by} (secretariat) returned the report \"{title}\" with these comments:\n\n{comment}\n\nThe report goes through validation again once fixed: {link}",
    es: "Hola, {name}:\n\n{by} (secretaría) devolvió el informe «{title}» con estos comentarios:\n\n{comment}\n\nUna vez corregido, el informe vuelve a pasar por la validación: {link}",
    fr: "Bonjour {name},\n\n{by} (secrétariat) a renvoyé le rapport « {title} » avec ces commentaires :\n\n{comment}\n\nUne fois corrigé, le rapport repasse par la validation : {link}",
    pt: "Olá, {name}:\n\n{by} (secretaria) devolveu o relatório \"{title}\" com estes comentários:\n\n{comment}\n\nDepois de corrigido, o relatório passa novamente pela validação: {link}",
  },
  mail_action_publish_subject: {
    en: "Your report was published: \"{title}\"",
    es: "Su informe fue publicado: «{title}»",
    fr: "Votre rapport a été publié : « {title} »",
    pt: "Seu relatório foi publicado: \"{title}\"",
  },
  mail_action_publish_body: {
    en: "Hello {name},\n\n{by} published the report \"{title}\". It is now public: {link}",
    es: "Hola, {name}:\n\n{by} publicó el informe «{title}». Ahora es público: {link}",
    fr: "Bonjour {name},\n\n{by} a publié le rapport « {title} ». Il est désormais public : {link}",
    pt: "Olá, {name}:\n\n{by} publicou o relatório \"{title}\". Agora ele é público: {link}",
  },
  obligation_title_periodic_report: {
    en: 'Periodic report to the {mechanism}', es: 'Informe periódico al {mechanism}',
    fr: 'Rapport périodique au {mechanism}', pt: 'Relatório periódico ao {mechanism}',
  },
  obligation_title_upr_review: {
    en: 'Universal Periodic Review: next review', es: 'Examen Periódico Universal: próximo examen',
    fr: 'Examen périodique universel : prochain examen', pt: 'Revisão Periódica Universal: próxima revisão',
  },
  obligation_title_upr_midterm: {
    en: 'Universal Periodic Review: voluntary mid-term report', es: 'Examen Periódico Universal: informe voluntario de mitad de período',
    fr: 'Examen périodique universel : rapport volontaire à mi-parcours', pt: 'Revisão Periódica Universal: relatório voluntário de meio período',
  },
  obligation_title_follow_up: {
    en: 'Follow-up to {document}: paragraphs {paragraphs}', es: 'Seguimiento de {document}: párrafos {paragraphs}',
    fr: 'Suivi de {document} : paragraphes {paragraphs}', pt: 'Seguimento de {document}: parágrafos {paragraphs}',
  },
  obligation_status_open: { en: 'open', es: 'pendiente', fr: 'en cours', pt: 'pendente' },
  obligation_status_met: { en: 'met', es: 'cumplida', fr: 'remplie', pt: 'cumprida' },
  obligation_status_late: { en: 'late', es: 'atrasada', fr: 'en retard', pt: 'atrasada' },
  obligation_date_to_be_set: { en: 'date to be set', es: 'fecha por definir', fr: 'date à fixer', pt: 'data a definir' },
  obligation_calendar_name: {
    en: 'Reporting obligations of {state}', es: 'Obligaciones de presentación de informes de {state}',
    fr: 'Obligations de présentation de rapports de {state}', pt: 'Obrigações de apresentação de relatórios de {state}',
  },
  obligation_calendar_description: {
    en: 'Status: {status}\nDue: {due}\n{link}', es: 'Estado: {status}\nVence: {due}\n{link}',
    fr: 'Statut : {status}\nÉchéance : {due}\n{link}', pt: 'Situação: {status}\nVencimento: {due}\n{link}',
  },
  obligation_unknown_mechanism: {
    en: 'Unknown mechanism code: {code}.', es: 'Código de mecanismo desconocido: {code}.',
    fr: 'Code de mécanisme inconnu : {code}.', pt: 'Código de mecanismo desconhecido: {code}.',
  },
  obligation_unknown_instrument: {
    en: 'Unknown treaty code: {code}.', es: 'Código de tratado desconocido: {code}.',
    fr: 'Code de traité inconnu : {code}.', pt: 'Código de tratado desconhecido: {code}.',
  },
  obligation_mechanism_required: {
    en: 'Say which mechanism the obligation is owed to.', es: 'Indique ante qué mecanismo se tiene la obligación.',
    fr: "Indiquez envers quel mécanisme l'obligation existe.", pt: 'Indique perante qual mecanismo existe a obrigação.',
  },
  obligation_met_in_future: {
    en: 'The date the obligation was met cannot be in the future.', es: 'La fecha de cumplimiento no puede ser futura.',
    fr: "La date à laquelle l'obligation a été remplie ne peut pas être dans le futur.", pt: 'A data de cumprimento não pode ser futura.',
  },
  follow_up_unknown_recommendations: {
    en: 'Unknown recommendations: {ids}.', es: 'Recomendaciones desconocidas: {ids}.',
    fr: 'Recommandations inconnues : {ids}.', pt: 'Recomendações desconhecidas: {ids}.',
  },
  follow_up_one_document: {
    en: 'Follow-up recommendations must all come from the same treaty-body document.',
    es: 'Las recomendaciones de seguimiento deben provenir todas del mismo documento de un órgano de tratado.',
    fr: "Les recommandations de suivi doivent toutes provenir du même document d'un organe conventionnel.",
    pt: 'As recomendações de seguimento devem vir todas do mesmo documento de um órgão de tratado.',
  },
  follow_up_undated_document: {
    en: 'The document of these recommendations has no date: the due date cannot be worked out.',
    es: 'El documento de estas recomendaciones no tiene fecha: no se puede calcular el vencimiento.',
    fr: "Le document de ces recommandations n'est pas daté : l'échéance ne peut pas être calculée.",
    pt: 'O documento destas recomendações não tem data: não é possível calcular o vencimento.',
  },
  follow_up_already_flagged: {
    en: 'Already flagged for follow-up: recommendations {ids}.', es: 'Ya marcadas para seguimiento: recomendaciones {ids}.',
    fr: 'Déjà signalées pour le suivi : recommandations {ids}.', pt: 'Já marcadas para seguimento: recomendações {ids}.',
  },
  ratification_year_party_only: {
    en: 'A year of ratification is given only for a State party.', es: 'Solo se indica un año de ratificación para un Estado parte.',
    fr: "Une année de ratification n'est indiquée que pour un État partie.", pt: 'Só se indica um ano de ratificação para um Estado parte.',
  },
  ratification_periodicity_treaty_only: {
    en: 'Optional protocols have no periodic report of their own.', es: 'Los protocolos facultativos no tienen informe periódico propio.',
    fr: "Les protocoles facultatifs n'ont pas de rapport périodique propre.", pt: 'Os protocolos facultativos não têm relatório periódico próprio.',
  },
  mail_obligation_reminder_subject: {
    en: 'Reminder: "{title}" is due on {due}', es: 'Recordatorio: «{title}» vence el {due}',
    fr: 'Rappel : « {title} » arrive à échéance le {due}', pt: 'Lembrete: "{title}" vence em {due}',
  },
  mail_obligation_reminder_body: {
    en: 'Hello {name},\n\nThe reporting obligation "{title}" ({mechanism}) is due on {due}, {days} days from now.\n\nReporting calendar: {link}',
    es: 'Hola, {name}:\n\nLa obligación de presentación de informes «{title}» ({mechanism}) vence el {due}, dentro de {days} días.\n\nCalendario de informes: {link}',
    fr: 'Bonjour {name},\n\nL\'obligation de présentation de rapports « {title} » ({mechanism}) arrive à échéance le {due}, dans {days} jours.\n\nCalendrier des rapports : {link}',
    pt: 'Olá, {name}:\n\nA obrigação de apresentação de relatórios "{title}" ({mechanism}) vence em {due}, daqui a {days} dias.\n\nCalendário de relatórios: {link}',
  },
  mail_obligation_overdue_subject: {
    en: 'Overdue: "{title}" was due on {due}', es: 'Vencida: «{title}» venció el {due}',
    fr: 'En retard : « {title} » était dû le {due}', pt: 'Atrasada: "{title}" venceu em {due}',
  },
  mail_obligation_overdue_body: {
    en: 'Hello {name},\n\nThe reporting obligation "{title}" ({mechanism}) was due on {due}, {days} days ago, and is not marked as met. Once the report is submitted, record the date it was met.\n\nReporting calendar: {link}',
    es: 'Hola, {name}:\n\nLa obligación de presentación de informes «{title}» ({mechanism}) venció el {due}, hace {days} días, y no figura como cumplida. Cuando se presente el informe, registre la fecha de cumplimiento.\n\nCalendario de informes: {link}',
    fr: 'Bonjour {name},\n\nL\'obligation de présentation de rapports « {title} » ({mechanism}) était due le {due}, il y a {days} jours, et n\'est pas indiquée comme remplie. Une fois le rapport présenté, enregistrez la date à laquelle elle a été remplie.\n\nCalendrier des rapports : {link}',
    pt: 'Olá, {name}:\n\nA obrigação de apresentação de relatórios "{title}" ({mechanism}) venceu em {due}, há {days} dias, e não consta como cumprida. Quando o relatório for apresentado, registre a data de cumprimento.\n\nCalendário de relatórios: {link}',
  },
  report_responsible: { en: 'Responsible institutions', es: 'Instituciones responsables', fr: 'Institutions responsables', pt: 'Instituições responsáveis' },
  report_actions: { en: 'Actions taken', es: 'Acciones realizadas', fr: 'Mesures prises', pt: 'Ações realizadas' },
  report_evidence: { en: 'Evidence', es: 'Evidencia', fr: 'Preuve', pt: 'Evidência' },
  report_indicator: { en: 'Indicator', es: 'Indicador', fr: 'Indicateur', pt: 'Indicador' },
  report_status: { en: 'Implementation status', es: 'Estado de implementación', fr: 'État de mise en œuvre', pt: 'Estado de implementação' },
  report_not_assessed: { en: 'not assessed yet', es: 'aún no evaluado', fr: 'pas encore évalué', pt: 'ainda não avaliado' },
  report_none: { en: 'none reported', es: 'ninguna informada', fr: 'aucune signalée', pt: 'nenhuma informada' },
  report_paragraph: { en: 'para. {paragraph}', es: 'párr. {paragraph}', fr: 'par. {paragraph}', pt: 'par. {paragraph}' },
  report_unassigned: { en: 'Not assigned to an institution', es: 'Sin institución asignada', fr: 'Sans institution désignée', pt: 'Sem instituição atribuída' },
  report_no_theme: { en: 'Without a theme', es: 'Sin tema', fr: 'Sans thème', pt: 'Sem tema' },
  // The exported documents (DOCX, PDF, XLSX matrix), written in the report's language.
  report_template_treaty_periodic: { en: 'Periodic report to a treaty body', es: 'Informe periódico a un órgano de tratado', fr: 'Rapport périodique à un organe conventionnel', pt: 'Relatório periódico a um órgão de tratado' },
  report_template_treaty_follow_up: { en: 'Follow-up report to a treaty body', es: 'Informe de seguimiento a un órgano de tratado', fr: 'Rapport de suivi à un organe conventionnel', pt: 'Relatório de seguimento a um órgão de tratado' },
  report_template_upr_midterm: { en: 'Universal Periodic Review mid-term report', es: 'Informe de medio término del Examen Periódico Universal', fr: "Rapport à mi-parcours de l'Examen périodique universel", pt: 'Relatório de meio período da Revisão Periódica Universal' },
  report_template_custom: { en: 'Report', es: 'Informe', fr: 'Rapport', pt: 'Relatório' },
  report_generated_on: { en: 'Compiled on {date}', es: 'Compilado el {date}', fr: 'Compilé le {date}', pt: 'Compilado em {date}' },
  report_contents: { en: 'Contents', es: 'Índice', fr: 'Table des matières', pt: 'Índice' },
  report_contents_hint: {
    en: 'Update this field (F9) to list the headings with their pages.', es: 'Actualice este campo (F9) para listar los títulos con sus páginas.',
    fr: 'Mettez ce champ à jour (F9) pour lister les titres et leurs pages.', pt: 'Atualize este campo (F9) para listar os títulos com as suas páginas.',
  },
  report_page: { en: 'Page {page}', es: 'Página {page}', fr: 'Page {page}', pt: 'Página {page}' },
  report_matrix: { en: 'Annex: matrix of recommendations', es: 'Anexo: matriz de recomendaciones', fr: 'Annexe : matrice des recommandations', pt: 'Anexo: matriz de recomendações' },
  report_matrix_sheet: { en: 'Matrix', es: 'Matriz', fr: 'Matrice', pt: 'Matriz' },
  report_col_group: { en: 'Group', es: 'Grupo', fr: 'Groupe', pt: 'Grupo' },
  report_col_citation: { en: 'Document and paragraph', es: 'Documento y párrafo', fr: 'Document et paragraphe', pt: 'Documento e parágrafo' },
  report_col_recommendation: { en: 'Recommendation', es: 'Recomendación', fr: 'Recommandation', pt: 'Recomendação' },
  report_col_source: { en: 'Recommending States', es: 'Estados recomendantes', fr: 'États auteurs', pt: 'Estados recomendantes' },
  report_col_position: { en: 'Position', es: 'Posición', fr: 'Position', pt: 'Posição' },
  report_col_themes: { en: 'Themes', es: 'Temas', fr: 'Thèmes', pt: 'Temas' },
  report_col_affected: { en: 'Affected persons', es: 'Personas afectadas', fr: 'Personnes concernées', pt: 'Pessoas afetadas' },
  report_col_sdg: { en: 'SDG targets', es: 'Metas de los ODS', fr: 'Cibles des ODD', pt: 'Metas dos ODS' },
  report_selection_empty: {
    en: 'The selection holds no recommendations.', es: 'La selección no contiene recomendaciones.',
    fr: 'La sélection ne contient aucune recommandation.', pt: 'A seleção não contém recomendações.',
  },
  // Participation: organisations, their contributions and moderation.
  registration_throttled: {
    en: 'Too many registrations from this address. Try again in {minutes} minutes.',
    es: 'Demasiados registros desde esta dirección. Vuelva a intentarlo dentro de {minutes} minutos.',
    fr: 'Trop d\'inscriptions depuis cette adresse. Réessayez dans {minutes} minutes.',
    pt: 'Demasiados registros a partir deste endereço. Tente novamente dentro de {minutes} minutos.',
  },
  posting_throttled: {
    en: 'You have posted a lot in a short time. You can post again in {minutes} minutes.',
    es: 'Ha publicado mucho en poco tiempo. Podrá volver a publicar dentro de {minutes} minutos.',
    fr: 'Vous avez beaucoup publié en peu de temps. Vous pourrez publier de nouveau dans {minutes} minutes.',
    pt: 'Você publicou muito em pouco tempo. Poderá publicar novamente dentro de {minutes} minutos.',
  },
  report_throttled: {
    en: 'Too many reports from this address. Try again in {minutes} minutes.',
    es: 'Demasiadas denuncias desde esta dirección. Vuelva a intentarlo dentro de {minutes} minutos.',
    fr: 'Trop de signalements depuis cette adresse. Réessayez dans {minutes} minutes.',
    pt: 'Demasiadas denúncias a partir deste endereço. Tente novamente dentro de {minutes} minutos.',
  },
  organisation_token_invalid: {
    en: 'This confirmation link is not valid: it was already used or has expired. Register again to receive a new one.',
    es: 'Este enlace de confirmación no es válido: ya se usó o caducó. Vuelva a registrarse para recibir uno nuevo.',
    fr: "Ce lien de confirmation n'est pas valide : il a déjà été utilisé ou a expiré. Inscrivez-vous de nouveau pour en recevoir un autre.",
    pt: 'Este link de confirmação não é válido: já foi usado ou expirou. Registre-se novamente para receber um novo.',
  },
  organisation_not_verified: {
    en: 'Your organisation must be verified by the secretariat before it can publish.',
    es: 'La secretaría debe verificar su organización antes de que pueda publicar.',
    fr: 'Votre organisation doit être vérifiée par le secrétariat avant de pouvoir publier.',
    pt: 'A secretaria deve verificar a sua organização antes que ela possa publicar.',
  },
  organisation_not_awaiting: {
    en: 'This organisation is not awaiting verification.', es: 'Esta organización no está pendiente de verificación.',
    fr: "Cette organisation n'est pas en attente de vérification.", pt: 'Esta organização não está aguardando verificação.',
  },
  organisation_choose: {
    en: 'You write for several organisations: say which one (organisation_id).', es: 'Usted escribe para varias organizaciones: indique cuál (organisation_id).',
    fr: 'Vous écrivez pour plusieurs organisations : indiquez laquelle (organisation_id).', pt: 'Você escreve para várias organizações: indique qual (organisation_id).',
  },
  text_empty: {
    en: 'The text is empty once invisible characters are removed.', es: 'El texto queda vacío al quitar los caracteres invisibles.',
    fr: 'Le texte est vide une fois les caractères invisibles retirés.', pt: 'O texto fica vazio depois de removidos os caracteres invisíveis.',
  },
  link_not_http: {
    en: 'Links must be web addresses starting with http:// or https://.', es: 'Los enlaces deben ser direcciones web que empiecen por http:// o https://.',
    fr: 'Les liens doivent être des adresses web commençant par http:// ou https://.', pt: 'Os links devem ser endereços web que comecem por http:// ou https://.',
  },
  assessment_needs_status: {
    en: 'An assessment needs a step of the scale (status).', es: 'Una evaluación necesita un paso de la escala (status).',
    fr: "Une évaluation a besoin d'un échelon de l'échelle (status).", pt: 'Uma avaliação precisa de um passo da escala (status).',
  },
  contribution_not_pending: {
    en: 'This contribution was already moderated.', es: 'Esta contribución ya fue moderada.',
    fr: 'Cette contribution a déjà été modérée.', pt: 'Esta contribuição já foi moderada.',
  },
  contribution_not_hidden: {
    en: 'This contribution is not hidden.', es: 'Esta contribución no está oculta.', fr: "Cette contribution n'est pas masquée.", pt: 'Esta contribuição não está oculta.',
  },
  mail_organisation_confirm_subject: {
    en: 'Confirm the registration of {organisation}', es: 'Confirme el registro de {organisation}',
    fr: "Confirmez l'inscription de {organisation}", pt: 'Confirme o registro de {organisation}',
  },
  mail_organisation_confirm_body: {
    en: 'Hello {name},\n\nYou registered "{organisation}" to take part in the follow-up of human-rights recommendations. To confirm your email address, open this link within {hours} hours:\n\n{link}\n\nThe secretariat then verifies the organisation before anything it writes can be published. If you did not register, ignore this message.',
    es: 'Hola, {name}:\n\nUsted registró «{organisation}» para participar en el seguimiento de las recomendaciones de derechos humanos. Para confirmar su dirección de correo, abra este enlace en las próximas {hours} horas:\n\n{link}\n\nLuego la secretaría verifica la organización antes de que pueda publicarse lo que escriba. Si no se registró, ignore este mensaje.',
    fr: "Bonjour {name},\n\nVous avez inscrit « {organisation} » pour participer au suivi des recommandations relatives aux droits de l'homme. Pour confirmer votre adresse électronique, ouvrez ce lien dans les {hours} heures :\n\n{link}\n\nLe secrétariat vérifie ensuite l'organisation avant que ses écrits puissent être publiés. Si vous ne vous êtes pas inscrit, ignorez ce message.",
    pt: 'Olá, {name}:\n\nVocê registrou "{organisation}" para participar do acompanhamento das recomendações de direitos humanos. Para confirmar o seu endereço de e-mail, abra este link nas próximas {hours} horas:\n\n{link}\n\nDepois, a secretaria verifica a organização antes que o que ela escrever possa ser publicado. Se não foi você, ignore esta mensagem.',
  },
  mail_organisation_exists_subject: {
    en: 'Registration attempt with your address', es: 'Intento de registro con su dirección',
    fr: 'Tentative d\'inscription avec votre adresse', pt: 'Tentativa de registro com o seu endereço',
  },
  mail_organisation_exists_body: {
    en: 'Hello {name},\n\nSomeone tried to register an organisation with your email address, which already has an account. If it was you, sign in instead (or ask for a new password): {link}\n\nIf it was not you, ignore this message: nothing was changed.',
    es: 'Hola, {name}:\n\nAlguien intentó registrar una organización con su dirección de correo, que ya tiene una cuenta. Si fue usted, inicie sesión (o pida una nueva contraseña): {link}\n\nSi no fue usted, ignore este mensaje: no se cambió nada.',
    fr: "Bonjour {name},\n\nQuelqu'un a tenté d'inscrire une organisation avec votre adresse électronique, qui a déjà un compte. Si c'était vous, connectez-vous plutôt (ou demandez un nouveau mot de passe) : {link}\n\nSinon, ignorez ce message : rien n'a été modifié.",
    pt: 'Olá, {name}:\n\nAlguém tentou registrar uma organização com o seu endereço de e-mail, que já tem uma conta. Se foi você, entre na sua conta (ou peça uma nova senha): {link}\n\nSe não foi você, ignore esta mensagem: nada foi alterado.',
  },
  mail_organisation_awaiting_subject: {
    en: 'Organisation to verify: {organisation}', es: 'Organización por verificar: {organisation}',
    fr: 'Organisation à vérifier : {organisation}', pt: 'Organização a verificar: {organisation}',
  },
  mail_organisation_awaiting_body: {
    en: 'Hello {name},\n\n"{organisation}" confirmed its email address and awaits verification before it can publish.\n\nOrganisations: {link}',
    es: 'Hola, {name}:\n\n«{organisation}» confirmó su dirección de correo y espera la verificación para poder publicar.\n\nOrganizaciones: {link}',
    fr: 'Bonjour {name},\n\n« {organisation} » a confirmé son adresse électronique et attend d\'être vérifiée pour pouvoir publier.\n\nOrganisations : {link}',
    pt: 'Olá, {name}:\n\n"{organisation}" confirmou o seu endereço de e-mail e aguarda verificação para poder publicar.\n\nOrganizações: {link}',
  },
  mail_organisation_verified_subject: {
    en: '{organisation} is verified', es: '{organisation} está verificada', fr: '{organisation} est vérifiée', pt: '{organisation} está verificada',
  },
  mail_organisation_verified_body: {
    en: 'Hello {name},\n\nThe secretariat verified "{organisation}". You can now comment on recommendations and assess their implementation; each contribution is published once a moderator approves it.\n\n{link}',
    es: 'Hola, {name}:\n\nLa secretaría verificó «{organisation}». Ya puede comentar las recomendaciones y evaluar su implementación; cada contribución se publica cuando un moderador la aprueba.\n\n{link}',
    fr: 'Bonjour {name},\n\nLe secrétariat a vérifié « {organisation} ». Vous pouvez désormais commenter les recommandations et évaluer leur mise en œuvre ; chaque contribution est publiée une fois approuvée par un modérateur.\n\n{link}',
    pt: 'Olá, {name}:\n\nA secretaria verificou "{organisation}". Agora você pode comentar as recomendações e avaliar a sua implementação; cada contribuição é publicada quando um moderador a aprova.\n\n{link}',
  },
  mail_organisation_rejected_subject: {
    en: 'The registration of {organisation} was not accepted', es: 'El registro de {organisation} no fue aceptado',
    fr: "L'inscription de {organisation} n'a pas été acceptée", pt: 'O registro de {organisation} não foi aceito',
  },
  mail_organisation_rejected_body: {
    en: 'Hello {name},\n\nThe secretariat did not verify "{organisation}". Its reason:\n\n{reason}',
    es: 'Hola, {name}:\n\nLa secretaría no verificó «{organisation}». Su motivo:\n\n{reason}',
    fr: "Bonjour {name},\n\nLe secrétariat n'a pas vérifié « {organisation} ». Son motif :\n\n{reason}",
    pt: 'Olá, {name}:\n\nA secretaria não verificou "{organisation}". O motivo:\n\n{reason}',
  },
  mail_contribution_approved_subject: {
    en: 'Your contribution is published', es: 'Su contribución está publicada', fr: 'Votre contribution est publiée', pt: 'A sua contribuição está publicada',
  },
  mail_contribution_approved_body: {
    en: 'Hello {name},\n\nYour contribution on recommendation {recommendation} was approved and is now public:\n\n{link}',
    es: 'Hola, {name}:\n\nSu contribución sobre la recomendación {recommendation} fue aprobada y ya es pública:\n\n{link}',
    fr: 'Bonjour {name},\n\nVotre contribution sur la recommandation {recommendation} a été approuvée et est désormais publique :\n\n{link}',
    pt: 'Olá, {name}:\n\nA sua contribuição sobre a recomendação {recommendation} foi aprovada e agora é pública:\n\n{link}',
  },
  mail_contribution_rejected_subject: {
    en: 'Your contribution was not published', es: 'Su contribución no fue publicada', fr: "Votre contribution n'a pas été publiée", pt: 'A sua contribuição não foi publicada',
  },
  mail_contribution_rejected_body: {
    en: 'Hello {name},\n\nYour contribution on recommendation {recommendation} was not published. The moderator\'s reason:\n\n{reason}\n\n{link}',
    es: 'Hola, {name}:\n\nSu contribución sobre la recomendación {recommendation} no fue publicada. El motivo del moderador:\n\n{reason}\n\n{link}',
    fr: 'Bonjour {name},\n\nVotre contribution sur la recommandation {recommendation} n\'a pas été publiée. Le motif du modérateur :\n\n{reason}\n\n{link}',
    pt: 'Olá, {name}:\n\nA sua contribuição sobre a recomendação {recommendation} não foi publicada. O motivo do moderador:\n\n{reason}\n\n{link}',
  },
  health_database_unreachable: {
    en: 'The database does not answer.', es: 'La base de datos no responde.', fr: 'La base de données ne répond pas.', pt: 'A base de dados não responde.',
  },
  health_migrations_behind: {
    en: 'The database schema is behind this version: {applied} of {expected} migrations applied. Start the server once to migrate it.',
    es: 'El esquema de la base de datos está atrasado respecto de esta versión: {applied} de {expected} migraciones aplicadas. Inicie el servidor una vez para migrarlo.',
    fr: 'Le schéma de la base de données est en retard sur cette version : {applied} migrations appliquées sur {expected}. Démarrez le serveur une fois pour le migrer.',
    pt: 'O esquema da base de dados está atrasado em relação a esta versão: {applied} de {expected} migrações aplicadas. Inicie o servidor uma vez para migrá-lo.',
  },
  health_migrations_unknown: {
    en: 'The database has migrations this version does not know ({applied} applied, {expected} known): run the version that made them.',
    es: 'La base de datos tiene migraciones que esta versión no conoce ({applied} aplicadas, {expected} conocidas): ejecute la versión que las creó.',
    fr: 'La base de données porte des migrations que cette version ne connaît pas ({applied} appliquées, {expected} connues) : lancez la version qui les a créées.',
    pt: 'A base de dados tem migrações que esta versão não conhece ({applied} aplicadas, {expected} conhecidas): execute a versão que as criou.',
  },
  mail_backup_failed_subject: {
    en: 'The scheduled backup failed', es: 'Falló la copia de seguridad programada', fr: 'La sauvegarde programmée a échoué', pt: 'A cópia de segurança programada falhou',
  },
  mail_backup_failed_body: {
    en: 'Hello {name},\n\nThe scheduled backup of {instance} due at {due} failed:\n\n{error}\n\nUntil a backup succeeds, the latest work is not in any backup. Check the backup directory ({dir}): it must exist, be writable by the server and have free space. The next attempt is at the next scheduled time; the notice on your workspace stays until a backup succeeds.\n\n{link}',
    es: 'Hola, {name}:\n\nFalló la copia de seguridad programada de {instance} prevista para {due}:\n\n{error}\n\nHasta que una copia se realice con éxito, el trabajo más reciente no está en ninguna copia. Revise el directorio de copias ({dir}): debe existir, el servidor debe poder escribir en él y debe tener espacio libre. El próximo intento será a la próxima hora programada; el aviso en su espacio de trabajo permanece hasta que una copia se realice con éxito.\n\n{link}',
    fr: 'Bonjour {name},\n\nLa sauvegarde programmée de {instance} prévue à {due} a échoué :\n\n{error}\n\nTant qu\'aucune sauvegarde ne réussit, le travail le plus récent n\'est dans aucune sauvegarde. Vérifiez le répertoire des sauvegardes ({dir}) : il doit exister, être accessible en écriture au serveur et disposer d\'espace libre. La prochaine tentative aura lieu à la prochaine heure prévue ; l\'avis sur votre espace de travail reste affiché jusqu\'à ce qu\'une sauvegarde réussisse.\n\n{link}',
    pt: 'Olá, {name}:\n\nA cópia de segurança programada de {instance} prevista para {due} falhou:\n\n{error}\n\nEnquanto nenhuma cópia for bem-sucedida, o trabalho mais recente não está em nenhuma cópia. Verifique o diretório das cópias ({dir}): deve existir, o servidor deve poder escrever nele e deve ter espaço livre. A próxima tentativa será à próxima hora programada; o aviso no seu espaço de trabalho permanece até que uma cópia seja bem-sucedida.\n\n{link}',
  },
  related_link_not_found: {
    en: 'These two recommendations are not linked: there is nothing to confirm or reject.',
    es: 'Estas dos recomendaciones no están vinculadas: no hay nada que confirmar ni rechazar.',
    fr: "Ces deux recommandations ne sont pas liées : il n'y a rien à confirmer ni à rejeter.",
    pt: 'Estas duas recomendações não estão vinculadas: não há nada a confirmar nem a rejeitar.',
  },
  logo_not_image: {
    en: 'The logo must be a PNG, JPEG or WebP image, or an SVG drawing.',
    es: 'El logotipo debe ser una imagen PNG, JPEG o WebP, o un dibujo SVG.',
    fr: 'Le logo doit être une image PNG, JPEG ou WebP, ou un dessin SVG.',
    pt: 'O logotipo deve ser uma imagem PNG, JPEG ou WebP, ou um desenho SVG.',
  },
  logo_too_large: {
    en: 'The logo is too large: at most {max}.', es: 'El logotipo es demasiado grande: como máximo {max}.',
    fr: 'Le logo est trop volumineux : au plus {max}.', pt: 'O logotipo é grande demais: no máximo {max}.',
  },
  logo_dimensions: {
    en: 'The logo is {width} × {height} pixels: each side must be between {min} and {max} pixels.',
    es: 'El logotipo mide {width} × {height} píxeles: cada lado debe medir entre {min} y {max} píxeles.',
    fr: 'Le logo mesure {width} × {height} pixels : chaque côté doit mesurer entre {min} et {max} pixels.',
    pt: 'O logotipo mede {width} × {height} pixels: cada lado deve medir entre {min} e {max} pixels.',
  },
  colour_contrast: {
    en: 'The colour {colour} is too light: text on it would have a contrast of {ratio}:1, and at least {min}:1 is needed (WCAG AA). Choose a darker colour.',
    es: 'El color {colour} es demasiado claro: el texto sobre él tendría un contraste de {ratio}:1 y se necesita al menos {min}:1 (WCAG AA). Elija un color más oscuro.',
    fr: 'La couleur {colour} est trop claire : le texte dessus aurait un contraste de {ratio}:1, et il faut au moins {min}:1 (WCAG AA). Choisissez une couleur plus foncée.',
    pt: 'A cor {colour} é clara demais: o texto sobre ela teria um contraste de {ratio}:1, e é preciso pelo menos {min}:1 (WCAG AA). Escolha uma cor mais escura.',
  },
  default_language_not_offered: {
    en: 'The default language must be one of the interface languages offered.',
    es: 'El idioma predeterminado debe ser uno de los idiomas de la interfaz ofrecidos.',
    fr: "La langue par défaut doit être l'une des langues d'interface proposées.",
    pt: 'O idioma padrão deve ser um dos idiomas da interface oferecidos.',
  },
  settings_name_required: {
    en: 'The instance needs a name in its default language.',
    es: 'La instancia necesita un nombre en su idioma predeterminado.',
    fr: "L'instance a besoin d'un nom dans sa langue par défaut.",
    pt: 'A instância precisa de um nome no seu idioma padrão.',
  },
  alias_taken: {
    en: 'These aliases already belong to another term: {aliases}.', es: 'Estos alias ya pertenecen a otro término: {aliases}.',
    fr: 'Ces alias appartiennent déjà à un autre terme : {aliases}.', pt: 'Estes aliases já pertencem a outro termo: {aliases}.',
  },
  term_key_taken: {
    en: 'There is already a term with the key {key}.', es: 'Ya existe un término con la clave {key}.',
    fr: 'Un terme porte déjà la clé {key}.', pt: 'Já existe um termo com a chave {key}.',
  },
  state_unknown: {
    en: 'There is no State with the code {code}.', es: 'No hay ningún Estado con el código {code}.',
    fr: "Aucun État ne porte le code {code}.", pt: 'Não há nenhum Estado com o código {code}.',
  },
  ...NETWORK_MESSAGES,
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/**
 * The message in the reader's language with its `{params}` filled in. A message
 * about a `count` has its singular under `<key>_one`, used when the count is 1.
 */
export function message(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  const singular = `${key}_one`;
  const chosen = params.count === 1 && singular in MESSAGES ? singular as MessageKey : key;
  return MESSAGES[chosen][locale].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
