import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from './i18n';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import SearchPage from './features/recommendations/SearchPage';
import { useInstanceSettings } from './lib/instance-settings';
import { useNavigationTracker } from './lib/focus';
import { browserLocale, LocaleLayout, RootNotFound } from './layout/LocaleLayout';
import { NotFoundPage } from './layout/NotFoundPage';

// The recommendation page is a separate chunk, loaded when first opened.
const RecommendationPage = lazy(() => import('./features/recommendations/RecommendationPage'));
// The account pages too: the public search does not pay for them.
const SignInPage = lazy(() => import('./features/account/SignInPage'));
const ForgotPasswordPage = lazy(() => import('./features/account/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./features/account/ResetPasswordPage'));
const AccountPage = lazy(() => import('./features/account/AccountPage'));
// The signed-in workspace: its own chunks, never loaded by visitors.
const WorkspacePage = lazy(() => import('./features/workspace/WorkspacePage'));
const SuggestionsPage = lazy(() => import('./features/suggestions/SuggestionsPage'));
const ActionPage = lazy(() => import('./features/workspace/ActionPage'));
const ActionFormPage = lazy(() => import('./features/workspace/ActionFormPage'));
const RoundsPage = lazy(() => import('./features/rounds/RoundsPage'));
const RoundDashboardPage = lazy(() => import('./features/rounds/RoundDashboardPage'));
const ReportsDuePage = lazy(() => import('./features/rounds/ReportsDue'));
const ImportPage = lazy(() => import('./features/import/ImportPage'));
const ReportsPage = lazy(() => import('./features/reports/ReportsPage'));
const ReportPage = lazy(() => import('./features/reports/ReportPage'));
const ClustersPage = lazy(() => import('./features/reports/ClustersPage'));
// The reporting calendar is public, but not part of the first load.
const CalendarPage = lazy(() => import('./features/obligations/CalendarPage'));
const ObligationPage = lazy(() => import('./features/obligations/ObligationPage'));
// Indicators are public, but only reached from a recommendation page.
const IndicatorPage = lazy(() => import('./features/indicators/IndicatorPage'));
// The dashboards: public, their charts loaded only when opened.
const DashboardsPage = lazy(() => import('./features/dashboards/DashboardsPage'));
// Institutions, mechanisms and SDGs: public, each its own chunk.
const InstitutionsPage = lazy(() => import('./features/portal/InstitutionsPage'));
const InstitutionPage = lazy(() => import('./features/portal/InstitutionPage'));
const MechanismPage = lazy(() => import('./features/portal/MechanismPage'));
const SdgPage = lazy(() => import('./features/portal/SdgPage'));
// Open data: the datasets, their dictionary and licence.
const OpenDataPage = lazy(() => import('./features/open-data/OpenDataPage'));
// Participation: organisations register and confirm their address; the secretariat moderates.
const RegisterOrganisationPage = lazy(() => import('./features/participation/RegisterOrganisationPage'));
const ConfirmOrganisationPage = lazy(() => import('./features/participation/ConfirmOrganisationPage'));
const ModerationPage = lazy(() => import('./features/participation/ModerationPage'));
const OrganisationsPage = lazy(() => import('./features/participation/OrganisationsPage'));
// The instance's settings: the administrator's page.
const SettingsPage = lazy(() => import('./features/admin/SettingsPage'));
const VocabulariesPage = lazy(() => import('./features/admin/VocabulariesPage'));
// Administration: people and institutions.
const PeoplePage = lazy(() => import('./features/admin/PeoplePage'));
const PersonPage = lazy(() => import('./features/admin/PersonPage'));
const InstitutionsAdminPage = lazy(() => import('./features/admin/InstitutionsAdminPage'));
const InstitutionAdminPage = lazy(() => import('./features/admin/InstitutionAdminPage'));

// Implementation plans: the workspace's pages, and the public pages of adopted plans.
const PlansPage = lazy(() => import('./features/plans/PlansPage'));
const PlanPage = lazy(() => import('./features/plans/PlanPage'));
const PlanActivityPage = lazy(() => import('./features/plans/ActivityPage'));
const CoveragePage = lazy(() => import('./features/plans/CoveragePage'));
const PublicPlansPage = lazy(() => import('./features/plans/PublicPlansPage'));
const PublicPlanPage = lazy(() => import('./features/plans/PublicPlanPage'));
// The International Network of NMIRFs (a hub): public pages and the hub workspace, each its own chunk.
const NetworkPage = lazy(() => import('./features/network/NetworkPage'));
const NetworkStatePage = lazy(() => import('./features/network/StatePage'));
const NetworkMeetingPage = lazy(() => import('./features/network/MeetingPage'));
const NetworkDecisionPage = lazy(() => import('./features/network/DecisionPage'));
const NetworkJoinPage = lazy(() => import('./features/network/JoinRequestPage'));
const NetworkHubPage = lazy(() => import('./features/network/HubPage'));
const NetworkMeetingWorkspacePage = lazy(() => import('./features/network/MeetingWorkspacePage'));
const NetworkTimelinessPage = lazy(() => import('./features/network/TimelinessPage'));
const NetworkSimilarPage = lazy(() => import('./features/network/SimilarPage'));
const NetworkKnowledgePage = lazy(() => import('./features/network/KnowledgePage'));
const NetworkResourcePage = lazy(() => import('./features/network/ResourcePage'));
const NetworkKnowledgeWorkspacePage = lazy(() => import('./features/network/KnowledgeWorkspacePage'));

function PageLoading() {
  const { t } = useTranslation();
  return <p role="status" className="page">{t('recommendation.loading')}</p>;
}

/** The browser's language when the instance offers it, else the instance's default language. */
function RootRedirect() {
  const instance = useInstanceSettings();
  if (instance.isPending) return null;
  const offered = instance.data?.interface_languages;
  const preferred = browserLocale();
  const locale = !offered || offered.includes(preferred) ? preferred : instance.data!.default_language;
  return <Navigate to={`/${locale}/recommendations`} replace />;
}

/** A new page starts at the top; a new search state on the same page keeps the scroll position. */
function ScrollToTop() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

export function AppRoutes() {
  useNavigationTracker();
  return (
    <>
      <ScrollToTop />
      <Routes>
        <Route path="/" element={<RootRedirect />} />
        <Route path="/:locale" element={<LocaleLayout />}>
          <Route index element={<Navigate to="recommendations" replace />} />
          <Route path="recommendations" element={<SearchPage />} />
          <Route
            path="recommendations/:id"
            element={
              <Suspense fallback={<PageLoading />}>
                <RecommendationPage />
              </Suspense>
            }
          />
          <Route path="sign-in" element={<Suspense fallback={<PageLoading />}><SignInPage /></Suspense>} />
          <Route
            path="forgot-password"
            element={<Suspense fallback={<PageLoading />}><ForgotPasswordPage /></Suspense>}
          />
          <Route
            path="reset-password"
            element={<Suspense fallback={<PageLoading />}><ResetPasswordPage /></Suspense>}
          />
          <Route path="account" element={<Suspense fallback={<PageLoading />}><AccountPage /></Suspense>} />
          <Route path="workspace" element={<Suspense fallback={<PageLoading />}><WorkspacePage /></Suspense>} />
          <Route
            path="workspace/actions/new"
            element={<Suspense fallback={<PageLoading />}><ActionFormPage /></Suspense>}
          />
          <Route path="workspace/actions/:id" element={<Suspense fallback={<PageLoading />}><ActionPage /></Suspense>} />
          <Route
            path="workspace/actions/:id/edit"
            element={<Suspense fallback={<PageLoading />}><ActionFormPage /></Suspense>}
          />
          <Route path="workspace/rounds" element={<Suspense fallback={<PageLoading />}><RoundsPage /></Suspense>} />
          <Route path="workspace/rounds/:id" element={<Suspense fallback={<PageLoading />}><RoundDashboardPage /></Suspense>} />
          <Route
            path="workspace/rounds/:id/institutions/:institutionId"
            element={<Suspense fallback={<PageLoading />}><ReportsDuePage /></Suspense>}
          />
          <Route path="workspace/import" element={<Suspense fallback={<PageLoading />}><ImportPage /></Suspense>} />
          <Route path="workspace/reports" element={<Suspense fallback={<PageLoading />}><ReportsPage /></Suspense>} />
          <Route path="workspace/reports/:id" element={<Suspense fallback={<PageLoading />}><ReportPage /></Suspense>} />
          <Route path="workspace/report-clusters" element={<Suspense fallback={<PageLoading />}><ClustersPage /></Suspense>} />
          <Route path="obligations" element={<Suspense fallback={<PageLoading />}><CalendarPage /></Suspense>} />
          <Route path="obligations/:id" element={<Suspense fallback={<PageLoading />}><ObligationPage /></Suspense>} />
          <Route path="indicators/:id" element={<Suspense fallback={<PageLoading />}><IndicatorPage /></Suspense>} />
          <Route path="dashboards" element={<Suspense fallback={<PageLoading />}><DashboardsPage /></Suspense>} />
          <Route path="institutions" element={<Suspense fallback={<PageLoading />}><InstitutionsPage /></Suspense>} />
          <Route path="institutions/:id" element={<Suspense fallback={<PageLoading />}><InstitutionPage /></Suspense>} />
          <Route path="mechanisms/:code" element={<Suspense fallback={<PageLoading />}><MechanismPage /></Suspense>} />
          <Route path="sdgs/:goal" element={<Suspense fallback={<PageLoading />}><SdgPage /></Suspense>} />
          <Route path="open-data" element={<Suspense fallback={<PageLoading />}><OpenDataPage /></Suspense>} />
          <Route path="organisations/register" element={<Suspense fallback={<PageLoading />}><RegisterOrganisationPage /></Suspense>} />
          <Route path="organisations/confirm" element={<Suspense fallback={<PageLoading />}><ConfirmOrganisationPage /></Suspense>} />
          <Route path="workspace/suggestions" element={<Suspense fallback={<PageLoading />}><SuggestionsPage /></Suspense>} />
          <Route path="workspace/moderation" element={<Suspense fallback={<PageLoading />}><ModerationPage /></Suspense>} />
          <Route path="workspace/organisations" element={<Suspense fallback={<PageLoading />}><OrganisationsPage /></Suspense>} />
          <Route path="workspace/settings" element={<Suspense fallback={<PageLoading />}><SettingsPage /></Suspense>} />
          <Route path="workspace/vocabularies" element={<Suspense fallback={<PageLoading />}><VocabulariesPage /></Suspense>} />
          <Route path="workspace/people" element={<Suspense fallback={<PageLoading />}><PeoplePage /></Suspense>} />
          <Route path="workspace/people/:id" element={<Suspense fallback={<PageLoading />}><PersonPage /></Suspense>} />
          <Route path="workspace/institutions" element={<Suspense fallback={<PageLoading />}><InstitutionsAdminPage /></Suspense>} />
          <Route path="workspace/institutions/:id" element={<Suspense fallback={<PageLoading />}><InstitutionAdminPage /></Suspense>} />
          <Route path="workspace/plans" element={<Suspense fallback={<PageLoading />}><PlansPage /></Suspense>} />
          <Route path="workspace/plans/coverage" element={<Suspense fallback={<PageLoading />}><CoveragePage /></Suspense>} />
          <Route path="workspace/plans/:id" element={<Suspense fallback={<PageLoading />}><PlanPage /></Suspense>} />
          <Route path="workspace/plan-activities/:id" element={<Suspense fallback={<PageLoading />}><PlanActivityPage /></Suspense>} />
          <Route path="plans" element={<Suspense fallback={<PageLoading />}><PublicPlansPage /></Suspense>} />
          <Route path="plans/:id" element={<Suspense fallback={<PageLoading />}><PublicPlanPage /></Suspense>} />
          <Route path="network" element={<Suspense fallback={<PageLoading />}><NetworkPage /></Suspense>} />
          <Route path="network/join" element={<Suspense fallback={<PageLoading />}><NetworkJoinPage /></Suspense>} />
          <Route path="network/timeliness" element={<Suspense fallback={<PageLoading />}><NetworkTimelinessPage /></Suspense>} />
          <Route path="network/similar" element={<Suspense fallback={<PageLoading />}><NetworkSimilarPage /></Suspense>} />
          <Route path="network/states/:iso3" element={<Suspense fallback={<PageLoading />}><NetworkStatePage /></Suspense>} />
          <Route path="network/meetings/:id" element={<Suspense fallback={<PageLoading />}><NetworkMeetingPage /></Suspense>} />
          <Route path="network/decisions/:id" element={<Suspense fallback={<PageLoading />}><NetworkDecisionPage /></Suspense>} />
          <Route path="network/hub" element={<Suspense fallback={<PageLoading />}><NetworkKnowledgePage /></Suspense>} />
          <Route path="network/hub/:id" element={<Suspense fallback={<PageLoading />}><NetworkResourcePage /></Suspense>} />
          <Route path="workspace/network" element={<Suspense fallback={<PageLoading />}><NetworkHubPage /></Suspense>} />
          <Route path="workspace/network/meetings/:id" element={<Suspense fallback={<PageLoading />}><NetworkMeetingWorkspacePage /></Suspense>} />
          <Route path="workspace/network/hub" element={<Suspense fallback={<PageLoading />}><NetworkKnowledgeWorkspacePage /></Suspense>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<RootNotFound />} />
      </Routes>
    </>
  );
}
