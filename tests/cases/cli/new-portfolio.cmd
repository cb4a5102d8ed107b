new portfolio
