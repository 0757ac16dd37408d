// sendwatch works without JavaScript; this only starts GOV.UK Frontend's components.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
