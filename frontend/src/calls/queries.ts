import { graphql } from "../gql";

export const CallsListQuery = graphql(`
  query CallsList($language: Language!, $first: Int) {
    calls(first: $first) {
      totalCount
      edges {
        node {
          id
          reference
          kind
          title(language: $language)
          languages
          status
          isOpenNow
          timeline {
            timezone
            opensAt
            deadlineAt
          }
        }
      }
    }
  }
`);

export const CallPageQuery = graphql(`
  query CallPage($id: ID!, $language: Language!) {
    serverTime
    call(id: $id) {
      id
      reference
      kind
      title(language: $language)
      descriptionHtml(language: $language)
      status
      isOpenNow
      languages
      themes
      budgetEnvelope {
        cents
        currency
      }
      capPerCandidacy {
        cents
        currency
      }
      timeline {
        timezone
        opensAt
        deadlineAt
        decisionDate
        projectStartDate
      }
      eligibility {
        requiredPartnerCountries {
          country
          minPartners
        }
        allowedOrganisationKinds
        requiredDocumentKeys
        minDurationMonths
        maxDurationMonths
        minPartners
        maxPartners
      }
      programme {
        name
      }
      funders {
        status
        funder {
          name
        }
      }
      questions {
        key
        kind
        required
        label {
          fr
          en
          de
        }
      }
    }
  }
`);
