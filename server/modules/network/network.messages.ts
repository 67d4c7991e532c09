/** Messages of the Network's hub (refusals and emails), in every UI language; part of platform/http/messages.ts. */
import { KNOWLEDGE_MESSAGES } from './knowledge.messages';

export const NETWORK_MESSAGES = {
  network_name: {
    en: 'International Network of NMIRFs', es: 'Red Internacional de MNIIS', fr: 'Réseau International des MNMRS', pt: 'Rede Internacional de MNIRF',
  },
  network_state_not_eligible: {
    en: '{code} is not a UN Member State: only UN Member States take part in the Network.',
    es: '{code} no es un Estado Miembro de la ONU: solo los Estados Miembros de la ONU participan en la Red.',
    fr: "{code} n'est pas un État Membre de l'ONU : seuls les États Membres de l'ONU participent au Réseau.",
    pt: '{code} não é um Estado-Membro da ONU: só os Estados-Membros da ONU participam da Rede.',
  },
  network_already_in_registry: {
    en: '{code} is already in the Network, as {status}.', es: '{code} ya forma parte de la Red, como {status}.',
    fr: '{code} fait déjà partie du Réseau, en tant que {status}.', pt: '{code} já faz parte da Rede, como {status}.',
  },
  network_join_request_open: {
    en: 'A request of {code} to join is already waiting for the Executive Committee.',
    es: 'Ya hay una solicitud de adhesión de {code} pendiente ante el Comité Ejecutivo.',
    fr: "Une demande d'adhésion de {code} attend déjà le Comité exécutif.",
    pt: 'Já há um pedido de adesão de {code} aguardando o Comitê Executivo.',
  },
  network_communication_not_pdf: {
    en: 'The formal communication must be a PDF file (its contents are checked, not its name).',
    es: 'La comunicación formal debe ser un archivo PDF (se comprueba su contenido, no su nombre).',
    fr: 'La communication officielle doit être un fichier PDF (son contenu est vérifié, pas son nom).',
    pt: 'A comunicação formal deve ser um arquivo PDF (verifica-se o conteúdo, não o nome).',
  },
  network_request_field_missing: {
    en: 'The request needs a field "request" holding its details in JSON, before the file.',
    es: 'La solicitud necesita un campo "request" con sus datos en JSON, antes del archivo.',
    fr: 'La demande a besoin d’un champ « request » contenant ses données en JSON, avant le fichier.',
    pt: 'O pedido precisa de um campo "request" com os seus dados em JSON, antes do arquivo.',
  },
  network_request_invalid: {
    en: 'The request is not valid: {detail}', es: 'La solicitud no es válida: {detail}', fr: "La demande n'est pas valide : {detail}", pt: 'O pedido não é válido: {detail}',
  },
  network_join_not_pending: {
    en: 'This request was already decided ({state}).', es: 'Esta solicitud ya fue decidida ({state}).',
    fr: 'Cette demande a déjà été tranchée ({state}).', pt: 'Este pedido já foi decidido ({state}).',
  },
  network_reason_required: {
    en: 'Say why: a reason is required to decline a request or to ask for more.',
    es: 'Indique el motivo: es obligatorio para rechazar una solicitud o pedir más información.',
    fr: 'Indiquez pourquoi : un motif est obligatoire pour refuser une demande ou demander des compléments.',
    pt: 'Diga porquê: o motivo é obrigatório para recusar um pedido ou pedir mais informações.',
  },
  network_state_not_in_registry: {
    en: '{code} is not in the Network.', es: '{code} no forma parte de la Red.', fr: '{code} ne fait pas partie du Réseau.', pt: '{code} não faz parte da Rede.',
  },
  network_status_unchanged: {
    en: '{code} is already {status}.', es: '{code} ya es {status}.', fr: '{code} est déjà {status}.', pt: '{code} já é {status}.',
  },
  network_committee_rule_broken: {
    en: 'This composition of the Executive Committee breaks the rules: {problems}',
    es: 'Esta composición del Comité Ejecutivo incumple las reglas: {problems}',
    fr: 'Cette composition du Comité exécutif enfreint les règles : {problems}',
    pt: 'Esta composição do Comitê Executivo viola as regras: {problems}',
  },
  network_rule_too_few_seats: {
    en: '{seats} seats, at least {min} are needed', es: '{seats} puestos, se necesitan al menos {min}',
    fr: '{seats} sièges, il en faut au moins {min}', pt: '{seats} assentos, são necessários pelo menos {min}',
  },
  network_rule_too_many_seats: {
    en: '{seats} seats, at most {max} are allowed', es: '{seats} puestos, se admiten como máximo {max}',
    fr: '{seats} sièges, {max} au plus sont permis', pt: '{seats} assentos, são permitidos no máximo {max}',
  },
  network_rule_state_seated_twice: {
    en: '{state} is seated twice', es: '{state} ocupa dos puestos', fr: '{state} occupe deux sièges', pt: '{state} ocupa dois assentos',
  },
  network_rule_observer_seated: {
    en: '{state} is an observer, not a member', es: '{state} es observador, no miembro', fr: "{state} est observateur, pas membre", pt: '{state} é observador, não membro',
  },
  network_rule_region_over_limit: {
    en: '{count} seats from {region} ({states}), at most {limit} per regional group',
    es: '{count} puestos de {region} ({states}), como máximo {limit} por grupo regional',
    fr: '{count} sièges de {region} ({states}), au plus {limit} par groupe régional',
    pt: '{count} assentos de {region} ({states}), no máximo {limit} por grupo regional',
  },
  network_rule_no_coordinator: {
    en: 'no Coordinator is named', es: 'no se designa Coordinador', fr: "aucun Coordinateur n'est désigné", pt: 'nenhum Coordenador é designado',
  },
  network_rule_coordinator_not_on_committee: {
    en: 'the Coordinator {state} is not on the Committee', es: 'el Coordinador {state} no forma parte del Comité',
    fr: "le Coordinateur {state} ne siège pas au Comité", pt: 'o Coordenador {state} não faz parte do Comitê',
  },
  network_rule_needs_decision: {
    en: 'The rule changes only by a decision of the Network: name a proposal that was adopted.',
    es: 'La regla solo cambia por una decisión de la Red: indique una propuesta que haya sido adoptada.',
    fr: 'La règle ne change que par une décision du Réseau : indiquez une proposition adoptée.',
    pt: 'A regra só muda por uma decisão da Rede: indique uma proposta que tenha sido adotada.',
  },
  network_minutes_not_latest: {
    en: 'The latest version of these minutes is number {number}: reload them.', es: 'La versión más reciente de esta acta es la número {number}: vuelva a cargarla.',
    fr: 'La dernière version de ce procès-verbal est la numéro {number} : rechargez-le.', pt: 'A versão mais recente desta ata é a número {number}: recarregue-a.',
  },
  network_minutes_state: {
    en: 'The latest version of these minutes is {state}: this step does not apply to it.', es: 'La versión más reciente de esta acta está en estado {state}: este paso no le corresponde.',
    fr: "La dernière version de ce procès-verbal est à l'état {state} : cette étape ne s'y applique pas.", pt: 'A versão mais recente desta ata está no estado {state}: este passo não se aplica.',
  },
  mail_network_minutes_subject: {
    en: 'Draft minutes: {title}, {date}', es: 'Proyecto de acta: {title}, {date}', fr: 'Projet de procès-verbal : {title}, {date}', pt: 'Projeto de ata: {title}, {date}',
  },
  mail_network_minutes_body: {
    en: 'Hello {name},\n\nThe hub secretariat circulates version {number} of the minutes of the meeting "{title}" on {date}, to the members present, for approval:\n\n{text}\n\n{link}',
    es: 'Hola, {name}:\n\nLa secretaría de la Red circula la versión {number} del acta de la reunión «{title}» del {date} a los miembros presentes, para su aprobación:\n\n{text}\n\n{link}',
    fr: 'Bonjour {name},\n\nLe secrétariat du Réseau communique aux membres présents, pour approbation, la version {number} du procès-verbal de la réunion « {title} » du {date} :\n\n{text}\n\n{link}',
    pt: 'Olá, {name}:\n\nO secretariado da Rede circula aos membros presentes, para aprovação, a versão {number} da ata da reunião «{title}» de {date}:\n\n{text}\n\n{link}',
  },
  network_agenda_item_not_found: {
    en: 'This agenda item does not exist.',
    es: 'Este punto del orden del día no existe.',
    fr: "Ce point de l'ordre du jour n'existe pas.",
    pt: 'Este ponto da pauta não existe.',
  },
  network_meeting_not_found: {
    en: 'There is no Network meeting with this identifier.', es: 'No hay ninguna reunión de la Red con este identificador.',
    fr: 'Aucune réunion du Réseau ne porte cet identifiant.', pt: 'Não há nenhuma reunião da Rede com este identificador.',
  },
  network_agenda_not_sent: {
    en: 'The meeting cannot be confirmed or held: its agenda has not been sent. Sent today, it would allow a meeting on {earliest} at the earliest.',
    es: 'La reunión no puede ser confirmada ni celebrada: su orden del día no se ha enviado. Enviado hoy, permitiría una reunión el {earliest} como muy pronto.',
    fr: "La réunion ne peut être ni confirmée ni tenue : son ordre du jour n'a pas été envoyé. Envoyé aujourd'hui, il permettrait une réunion le {earliest} au plus tôt.",
    pt: 'A reunião não pode ser confirmada nem realizada: a sua pauta não foi enviada. Enviada hoje, permitiria uma reunião em {earliest}, no mínimo.',
  },
  network_agenda_late: {
    en: 'The meeting cannot be confirmed or held: its agenda was sent on {sent}, less than one calendar month before {date} (it was due by {deadline}). The earliest valid date for this meeting is {earliest}.',
    es: 'La reunión no puede ser confirmada ni celebrada: su orden del día se envió el {sent}, a menos de un mes calendario del {date} (debía enviarse a más tardar el {deadline}). La fecha válida más próxima para esta reunión es el {earliest}.',
    fr: "La réunion ne peut être ni confirmée ni tenue : son ordre du jour a été envoyé le {sent}, moins d'un mois civil avant le {date} (il devait l'être au plus tard le {deadline}). La date valide la plus proche pour cette réunion est le {earliest}.",
    pt: 'A reunião não pode ser confirmada nem realizada: a sua pauta foi enviada em {sent}, menos de um mês civil antes de {date} (devia ser enviada até {deadline}). A data válida mais próxima para esta reunião é {earliest}.',
  },
  network_agenda_already_sent: {
    en: 'The agenda of this meeting was already sent, on {sent}.', es: 'El orden del día de esta reunión ya se envió, el {sent}.',
    fr: "L'ordre du jour de cette réunion a déjà été envoyé, le {sent}.", pt: 'A pauta desta reunião já foi enviada, em {sent}.',
  },
  network_agenda_empty: {
    en: 'The agenda has no items yet: add them before sending it.', es: 'El orden del día aún no tiene puntos: agréguelos antes de enviarlo.',
    fr: "L'ordre du jour n'a encore aucun point : ajoutez-les avant de l'envoyer.", pt: 'A pauta ainda não tem itens: adicione-os antes de enviá-la.',
  },
  network_meeting_status_order: {
    en: 'A meeting is confirmed before it is held, once: it is {status} now.', es: 'Una reunión se confirma antes de celebrarse, una sola vez: ahora está {status}.',
    fr: "Une réunion est confirmée avant d'être tenue, une seule fois : elle est maintenant {status}.", pt: 'Uma reunião é confirmada antes de ser realizada, uma única vez: agora está {status}.',
  },
  network_attendance_not_in_registry: {
    en: '{code} is not in the Network: only its members and observers attend.', es: '{code} no forma parte de la Red: solo asisten sus miembros y observadores.',
    fr: '{code} ne fait pas partie du Réseau : seuls ses membres et observateurs y assistent.', pt: '{code} não faz parte da Rede: só assistem os seus membros e observadores.',
  },
  network_attendance_closed: {
    en: 'Attendance cannot change while a proposal of this meeting is being voted on or after it was decided.',
    es: 'La asistencia no puede cambiar mientras se vota una propuesta de esta reunión ni después de decidida.',
    fr: "La présence ne peut pas changer pendant le vote d'une proposition de cette réunion ni après sa décision.",
    pt: 'A presença não pode mudar enquanto uma proposta desta reunião está em votação nem depois de decidida.',
  },
  network_proposal_not_found: {
    en: 'There is no proposal with this identifier.', es: 'No hay ninguna propuesta con este identificador.', fr: 'Aucune proposition ne porte cet identifiant.', pt: 'Não há nenhuma proposta com este identificador.',
  },
  network_proposal_not_open: {
    en: 'This proposal is {state}: consensus is sought only on an open proposal.', es: 'Esta propuesta está en estado {state}: el consenso solo se busca sobre una propuesta abierta.',
    fr: "Cette proposition est à l'état {state} : le consensus ne se cherche que sur une proposition ouverte.", pt: 'Esta proposta está no estado {state}: o consenso só se busca numa proposta aberta.',
  },
  network_proposal_not_voting: {
    en: 'This proposal is not being voted on (it is {state}).', es: 'Esta propuesta no está en votación (está en estado {state}).',
    fr: "Cette proposition n'est pas soumise au vote (elle est à l'état {state}).", pt: 'Esta proposta não está em votação (está no estado {state}).',
  },
  network_meeting_not_held: {
    en: 'Decisions are taken at a meeting that is confirmed or held.', es: 'Las decisiones se toman en una reunión confirmada o celebrada.',
    fr: 'Les décisions se prennent lors d’une réunion confirmée ou tenue.', pt: 'As decisões são tomadas numa reunião confirmada ou realizada.',
  },
  network_objection_not_present: {
    en: '{code} is not a member present at this meeting: only members present can object.', es: '{code} no es un miembro presente en esta reunión: solo los miembros presentes pueden objetar.',
    fr: "{code} n'est pas un membre présent à cette réunion : seuls les membres présents peuvent objecter.", pt: '{code} não é um membro presente nesta reunião: só os membros presentes podem objetar.',
  },
  network_vote_not_entitled: {
    en: 'You cannot vote on this proposal: only the focal point (or, when the focal point is absent, the deputy) of a member State present votes.',
    es: 'No puede votar esta propuesta: solo vota el punto focal (o, si está ausente, su suplente) de un Estado miembro presente.',
    fr: 'Vous ne pouvez pas voter sur cette proposition : seul vote le point focal (ou, en son absence, son suppléant) d’un État membre présent.',
    pt: 'Não pode votar nesta proposta: só vota o ponto focal (ou, se estiver ausente, o seu suplente) de um Estado membro presente.',
  },
  network_vote_which_state: {
    en: 'You may vote for several States ({states}): say which one (iso3).', es: 'Puede votar por varios Estados ({states}): indique cuál (iso3).',
    fr: 'Vous pouvez voter pour plusieurs États ({states}) : précisez lequel (iso3).', pt: 'Pode votar por vários Estados ({states}): indique qual (iso3).',
  },
  mail_network_join_received_subject: {
    en: 'Request to join the Network: {state}', es: 'Solicitud de adhesión a la Red: {state}', fr: "Demande d'adhésion au Réseau : {state}", pt: 'Pedido de adesão à Rede: {state}',
  },
  mail_network_join_received_body: {
    en: 'Hello {name},\n\n{state} asks to join the International Network of NMIRFs as {status}. The request and its formal communication wait for the Executive Committee:\n\n{link}',
    es: 'Hola, {name}:\n\n{state} solicita adherirse a la Red Internacional de MNIIS como {status}. La solicitud y su comunicación formal esperan la decisión del Comité Ejecutivo:\n\n{link}',
    fr: "Bonjour {name},\n\n{state} demande à adhérer au Réseau International des MNMRS en tant que {status}. La demande et sa communication officielle attendent le Comité exécutif :\n\n{link}",
    pt: 'Olá, {name}:\n\n{state} pede para aderir à Rede Internacional de MNIRF como {status}. O pedido e a sua comunicação formal aguardam o Comitê Executivo:\n\n{link}',
  },
  mail_network_join_approved_subject: {
    en: 'Your request to join the International Network of NMIRFs is approved', es: 'Su solicitud de adhesión a la Red Internacional de MNIIS fue aprobada',
    fr: "Votre demande d'adhésion au Réseau International des MNMRS est approuvée", pt: 'O seu pedido de adesão à Rede Internacional de MNIRF foi aprovado',
  },
  mail_network_join_approved_body: {
    en: 'Hello {name},\n\nThe Executive Committee approved the request of {state} to join the International Network of NMIRFs as {status}. Its focal point, {focal}, receives an invitation to choose a password.',
    es: 'Hola, {name}:\n\nEl Comité Ejecutivo aprobó la solicitud de {state} para adherirse a la Red Internacional de MNIIS como {status}. Su punto focal, {focal}, recibe una invitación para elegir una contraseña.',
    fr: "Bonjour {name},\n\nLe Comité exécutif a approuvé la demande de {state} d'adhérer au Réseau International des MNMRS en tant que {status}. Son point focal, {focal}, reçoit une invitation à choisir un mot de passe.",
    pt: 'Olá, {name}:\n\nO Comitê Executivo aprovou o pedido de {state} para aderir à Rede Internacional de MNIRF como {status}. O seu ponto focal, {focal}, recebe um convite para escolher uma senha.',
  },
  mail_network_join_more_subject: {
    en: 'Your request to join the International Network of NMIRFs: more information is needed', es: 'Su solicitud de adhesión a la Red Internacional de MNIIS: se necesita más información',
    fr: "Votre demande d'adhésion au Réseau International des MNMRS : des compléments sont nécessaires", pt: 'O seu pedido de adesão à Rede Internacional de MNIRF: são necessárias mais informações',
  },
  mail_network_join_more_body: {
    en: 'Hello {name},\n\nThe Executive Committee asks for more about the request of {state}:\n\n{reason}',
    es: 'Hola, {name}:\n\nEl Comité Ejecutivo pide más información sobre la solicitud de {state}:\n\n{reason}',
    fr: 'Bonjour {name},\n\nLe Comité exécutif demande des compléments sur la demande de {state} :\n\n{reason}',
    pt: 'Olá, {name}:\n\nO Comitê Executivo pede mais informações sobre o pedido de {state}:\n\n{reason}',
  },
  mail_network_join_declined_subject: {
    en: 'Your request to join the International Network of NMIRFs is declined', es: 'Su solicitud de adhesión a la Red Internacional de MNIIS fue rechazada',
    fr: "Votre demande d'adhésion au Réseau International des MNMRS est refusée", pt: 'O seu pedido de adesão à Rede Internacional de MNIRF foi recusado',
  },
  mail_network_join_declined_body: {
    en: 'Hello {name},\n\nThe Executive Committee declined the request of {state}, for this reason:\n\n{reason}',
    es: 'Hola, {name}:\n\nEl Comité Ejecutivo rechazó la solicitud de {state}, por este motivo:\n\n{reason}',
    fr: 'Bonjour {name},\n\nLe Comité exécutif a refusé la demande de {state}, pour ce motif :\n\n{reason}',
    pt: 'Olá, {name}:\n\nO Comitê Executivo recusou o pedido de {state}, por este motivo:\n\n{reason}',
  },
  network_status_member: { en: 'member', es: 'miembro', fr: 'membre', pt: 'membro' },
  network_status_observer: { en: 'observer', es: 'observador', fr: 'observateur', pt: 'observador' },
  mail_network_agenda_subject: {
    en: 'Agenda: {title}, {date}', es: 'Orden del día: {title}, {date}', fr: 'Ordre du jour : {title}, {date}', pt: 'Pauta: {title}, {date}',
  },
  mail_network_agenda_body: {
    en: 'Hello {name},\n\nThe Executive Committee sends {state} ({status}) the agenda of the meeting of the International Network of NMIRFs "{title}" on {date} ({where}):\n\n{items}\n\n{link}',
    es: 'Hola, {name}:\n\nEl Comité Ejecutivo envía a {state} ({status}) el orden del día de la reunión de la Red Internacional de MNIIS «{title}» del {date} ({where}):\n\n{items}\n\n{link}',
    fr: 'Bonjour {name},\n\nLe Comité exécutif adresse à {state} ({status}) l’ordre du jour de la réunion du Réseau International des MNMRS « {title} » du {date} ({where}) :\n\n{items}\n\n{link}',
    pt: 'Olá, {name}:\n\nO Comitê Executivo envia a {state} ({status}) a pauta da reunião da Rede Internacional de MNIRF «{title}» de {date} ({where}):\n\n{items}\n\n{link}',
  },
  mail_network_term_warning_subject: {
    en: 'The Executive Committee\'s term ends in {days} days with no successor appointed', es: 'El mandato del Comité Ejecutivo termina en {days} días sin sucesor designado',
    fr: 'Le mandat du Comité exécutif se termine dans {days} jours sans successeur désigné', pt: 'O mandato do Comitê Executivo termina em {days} dias sem sucessor designado',
  },
  mail_network_term_warning_body: {
    en: 'Hello {name},\n\nThe term of the Executive Committee ({seats}; Coordinator {coordinator}) ends on {end}, and no successor has been appointed. A Network meeting must appoint the next Committee.\n\n{link}',
    es: 'Hola, {name}:\n\nEl mandato del Comité Ejecutivo ({seats}; Coordinador {coordinator}) termina el {end} y no se ha designado sucesor. Una reunión de la Red debe designar el próximo Comité.\n\n{link}',
    fr: 'Bonjour {name},\n\nLe mandat du Comité exécutif ({seats} ; Coordinateur {coordinator}) se termine le {end} et aucun successeur n’a été désigné. Une réunion du Réseau doit désigner le prochain Comité.\n\n{link}',
    pt: 'Olá, {name}:\n\nO mandato do Comitê Executivo ({seats}; Coordenador {coordinator}) termina em {end} e não foi designado sucessor. Uma reunião da Rede deve designar o próximo Comitê.\n\n{link}',
  },
  ...KNOWLEDGE_MESSAGES,
} as const;
