/** Messages of the clusters for reports, in every supported UI language (spread into platform/http/messages.ts). */
export const CLUSTER_MESSAGES = {
  cluster_not_found: {
    en: 'There is no such cluster (it may have been deleted).', es: 'No existe ese grupo (quizá se eliminó).',
    fr: "Ce regroupement n'existe pas (il a peut-être été supprimé).", pt: 'Esse agrupamento não existe (talvez tenha sido eliminado).',
  },
  cluster_not_empty: {
    en: 'This cluster holds {count} recommendations: choose the cluster they go to, or move them first.',
    es: 'Este grupo contiene {count} recomendaciones: elija el grupo al que pasan o muévalas antes.',
    fr: 'Ce regroupement contient {count} recommandations : choisissez le regroupement où elles passent, ou déplacez-les avant.',
    pt: 'Este agrupamento contém {count} recomendações: escolha o agrupamento para onde passam ou mova-as antes.',
  },
  cluster_not_empty_one: {
    en: 'This cluster holds one recommendation: choose the cluster it goes to, or move it first.',
    es: 'Este grupo contiene una recomendación: elija el grupo al que pasa o muévala antes.',
    fr: 'Ce regroupement contient une recommandation : choisissez le regroupement où elle passe, ou déplacez-la avant.',
    pt: 'Este agrupamento contém uma recomendação: escolha o agrupamento para onde passa ou mova-a antes.',
  },
  cluster_move_to_self: {
    en: 'The recommendations cannot go to the cluster being deleted.', es: 'Las recomendaciones no pueden pasar al grupo que se elimina.',
    fr: 'Les recommandations ne peuvent pas passer au regroupement supprimé.', pt: 'As recomendações não podem passar para o agrupamento eliminado.',
  },
  cluster_unknown_recommendations: {
    en: '{count} of the listed recommendations do not exist; nothing was moved.', es: '{count} de las recomendaciones indicadas no existen; no se movió nada.',
    fr: "{count} des recommandations indiquées n'existent pas ; rien n'a été déplacé.", pt: '{count} das recomendações indicadas não existem; nada foi movido.',
  },
  cluster_unknown_recommendations_one: {
    en: 'One of the listed recommendations does not exist; nothing was moved.', es: 'Una de las recomendaciones indicadas no existe; no se movió nada.',
    fr: "Une des recommandations indiquées n'existe pas ; rien n'a été déplacé.", pt: 'Uma das recomendações indicadas não existe; nada foi movido.',
  },
  cluster_already_clustered: {
    en: 'Someone has put this recommendation into a cluster meanwhile; reload to see where.',
    es: 'Alguien ya puso esta recomendación en un grupo mientras tanto; vuelva a cargar para ver en cuál.',
    fr: "Quelqu'un a placé entre-temps cette recommandation dans un regroupement ; rechargez pour voir lequel.",
    pt: 'Alguém colocou entretanto esta recomendação num agrupamento; recarregue para ver em qual.',
  },
  cluster_not_suggested: {
    en: 'This cluster is no longer suggested for this recommendation; reload the suggestions.',
    es: 'Este grupo ya no se sugiere para esta recomendación; vuelva a cargar las sugerencias.',
    fr: "Ce regroupement n'est plus suggéré pour cette recommandation ; rechargez les suggestions.",
    pt: 'Este agrupamento já não é sugerido para esta recomendação; recarregue as sugestões.',
  },
  report_no_cluster: { en: 'Not in a cluster', es: 'Sin grupo', fr: 'Hors regroupement', pt: 'Sem agrupamento' },
} as const;
