"""KI-Atlas NRW core: data, dates, timeline, geography and map building, without Streamlit."""
