import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createServices, ServicesProvider } from './app/services';
import { appRoutes } from './app/router';
import { createI18n, storedLanguage } from './i18n';
import './styles/app.css';

const services = createServices({ i18n: createI18n(storedLanguage()) });
const router = createBrowserRouter(appRoutes());

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <RouterProvider router={router} />
    </ServicesProvider>
  </StrictMode>,
);
