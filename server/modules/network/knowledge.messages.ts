/** Messages of the Network's knowledge hub and cooperation board, in every UI language; part of network.messages.ts. */
export const KNOWLEDGE_MESSAGES = {
  network_hub_resource_not_found: {
    en: 'This contribution to the knowledge hub does not exist, or is not published.', es: 'Esta contribución al centro de conocimiento no existe o no está publicada.',
    fr: "Cette contribution au centre de connaissances n'existe pas ou n'est pas publiée.", pt: 'Esta contribuição ao centro de conhecimento não existe ou não está publicada.',
  },
  network_hub_members_only: {
    en: "Only a member State's focal point or deputy contributes for it (an observer has no NMIRF).",
    es: 'Solo el punto focal o el suplente de un Estado miembro contribuye en su nombre (un observador no tiene MNIIS).',
    fr: "Seul le point focal ou le suppléant d'un État membre contribue en son nom (un observateur n'a pas de MNMRS).",
    pt: 'Só o ponto focal ou o suplente de um Estado-membro contribui em seu nome (um observador não tem MNIRF).',
  },
  network_hub_partners_not_allowed: {
    en: 'The Network has not allowed partners to contribute to the knowledge hub.', es: 'La Red no ha permitido que los socios contribuyan al centro de conocimiento.',
    fr: "Le Réseau n'a pas autorisé les partenaires à contribuer au centre de connaissances.", pt: 'A Rede não permitiu que os parceiros contribuam para o centro de conhecimento.',
  },
  network_hub_unknown_theme: {
    en: 'Unknown theme "{key}": use a theme of the reference vocabulary.', es: 'Tema desconocido "{key}": use un tema del vocabulario de referencia.',
    fr: 'Thème inconnu « {key} » : utilisez un thème du vocabulaire de référence.', pt: 'Tema desconhecido "{key}": use um tema do vocabulário de referência.',
  },
  network_hub_unknown_mechanism: {
    en: 'Unknown mechanism "{key}": use the code of a mechanism of the reference data (UPR, CRC…).',
    es: 'Mecanismo desconocido "{key}": use el código de un mecanismo de los datos de referencia (UPR, CRC…).',
    fr: 'Mécanisme inconnu « {key} » : utilisez le code d’un mécanisme des données de référence (UPR, CRC…).',
    pt: 'Mecanismo desconhecido "{key}": use o código de um mecanismo dos dados de referência (UPR, CRC…).',
  },
  network_hub_resource_closed: {
    en: 'This contribution can no longer be changed or submitted ({state}).', es: 'Esta contribución ya no puede modificarse ni enviarse ({state}).',
    fr: 'Cette contribution ne peut plus être modifiée ni soumise ({state}).', pt: 'Esta contribuição já não pode ser alterada nem enviada ({state}).',
  },
  network_hub_not_submitted: {
    en: 'Only a submitted contribution is moderated; this one is {state}.', es: 'Solo se modera una contribución enviada; esta está en estado {state}.',
    fr: 'Seule une contribution soumise est modérée ; celle-ci est {state}.', pt: 'Só se modera uma contribuição enviada; esta está {state}.',
  },
  network_hub_reason_required: {
    en: 'Say why: the contributor reads the reason a contribution is returned or rejected.',
    es: 'Indique el motivo: quien contribuyó lee por qué se devuelve o rechaza su contribución.',
    fr: 'Indiquez pourquoi : le contributeur lit le motif du renvoi ou du refus.',
    pt: 'Diga porquê: quem contribuiu lê o motivo da devolução ou da recusa.',
  },
  network_hub_decision_not_adopted: {
    en: 'Proposal {id} was not adopted: the setting follows an adopted decision of the Network.',
    es: 'La propuesta {id} no fue adoptada: el ajuste sigue una decisión adoptada de la Red.',
    fr: "La proposition {id} n'a pas été adoptée : le réglage suit une décision adoptée du Réseau.",
    pt: 'A proposta {id} não foi adotada: a configuração segue uma decisão adotada da Rede.',
  },
  network_cooperation_not_found: {
    en: 'This request or offer of cooperation does not exist.', es: 'Esta solicitud u oferta de cooperación no existe.',
    fr: "Cette demande ou offre de coopération n'existe pas.", pt: 'Este pedido ou oferta de cooperação não existe.',
  },
  network_cooperation_closed: {
    en: 'This request or offer is closed: it takes no more responses.', es: 'Esta solicitud u oferta está cerrada: no admite más respuestas.',
    fr: "Cette demande ou offre est close : elle n'accepte plus de réponses.", pt: 'Este pedido ou oferta está encerrado: não aceita mais respostas.',
  },
  network_cooperation_own: {
    en: "A State does not respond to its own request or offer.", es: 'Un Estado no responde a su propia solicitud u oferta.',
    fr: 'Un État ne répond pas à sa propre demande ou offre.', pt: 'Um Estado não responde ao seu próprio pedido ou oferta.',
  },
  network_cooperation_unknown_party: {
    en: '{code} is not a State of the Network.', es: '{code} no es un Estado de la Red.', fr: "{code} n'est pas un État du Réseau.", pt: '{code} não é um Estado da Rede.',
  },
  network_cooperation_parties: {
    en: 'An agreement has at least two parties, {code} (who posted it) among them.', es: 'Un acuerdo tiene al menos dos partes, entre ellas {code} (quien lo publicó).',
    fr: 'Un accord a au moins deux parties, dont {code} (qui l’a publié).', pt: 'Um acordo tem pelo menos duas partes, entre elas {code} (quem o publicou).',
  },
  network_agreement_not_found: {
    en: 'This agreement does not exist.', es: 'Este acuerdo no existe.', fr: "Cet accord n'existe pas.", pt: 'Este acordo não existe.',
  },
} as const;
