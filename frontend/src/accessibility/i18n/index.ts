import { addAreaMessages } from "../../i18n/areas";
import de from "./de.json";
import en from "./en.json";
import fr from "./fr.json";

export const NAMESPACE = "accessibility";
export const messages = { fr, en, de };
addAreaMessages(NAMESPACE, messages);
