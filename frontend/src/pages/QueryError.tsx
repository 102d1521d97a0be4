import { useTranslation } from "react-i18next";
import { GraphQLResponseError, HttpError } from "../api";
import { Button, ErrorAlert } from "../ui";

export interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** The page has no h1 of its own: the error's title becomes it. */
  asPageTitle?: boolean;
}

/** A failed request, explained in the reader's language, with a way to try again. */
export function QueryError({ error, onRetry, asPageTitle = false }: QueryErrorProps) {
  const { t } = useTranslation();
  const description =
    error instanceof GraphQLResponseError
      ? t("errors.graphql", { message: error.message })
      : error instanceof HttpError
        ? t("errors.http", { status: error.status })
        : t("errors.network");
  return (
    <>
      {asPageTitle ? (
        <>
          <h1>{t("errors.title")}</h1>
          <ErrorAlert description={description} />
        </>
      ) : (
        <ErrorAlert title={t("errors.title")} description={description} />
      )}
      {onRetry && (
        <div className="fr-mt-2w">
          <Button priority="secondary" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        </div>
      )}
    </>
  );
}
